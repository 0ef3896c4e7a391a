import { describe, expect, it } from 'vitest';
import { parseLeanixUrl } from '../../src/ui/popup/leanix-url';

describe('parseLeanixUrl', () => {
  it('reads workspace, type and id from a fact-sheet page', () => {
    expect(parseLeanixUrl('https://acme.leanix.net/AcmeProd/factsheet/Application/app-shop')).toEqual({
      host: 'acme.leanix.net',
      workspace: 'AcmeProd',
      type: 'Application',
      id: 'app-shop',
    });
  });

  it('accepts regional hosts, sub-pages, queries and hashes', () => {
    const id = '28fe4aa2-6e46-41a1-a131-72afb3acf256';
    for (const url of [
      `https://demo-eu-1.leanix.net/SAPLeanIXDemo/factsheet/BusinessCapability/${id}`,
      `https://demo-eu-1.leanix.net/SAPLeanIXDemo/factsheet/BusinessCapability/${id}/`,
      `https://demo-eu-1.leanix.net/SAPLeanIXDemo/factsheet/BusinessCapability/${id}/history`,
      `https://demo-eu-1.leanix.net/SAPLeanIXDemo/factsheet/BusinessCapability/${id}?tab=relations#x`,
      `https://DEMO-EU-1.LEANIX.NET/SAPLeanIXDemo/factsheet/BusinessCapability/${id}`,
    ]) {
      expect(parseLeanixUrl(url), url).toMatchObject({ host: 'demo-eu-1.leanix.net', workspace: 'SAPLeanIXDemo', type: 'BusinessCapability', id });
    }
  });

  it('decodes escaped ids and workspaces', () => {
    expect(parseLeanixUrl('https://x.leanix.net/my%20ws/factsheet/Application/a%2Fb')).toMatchObject({ workspace: 'my ws', id: 'a/b' });
  });

  it('refuses every other address', () => {
    for (const url of [
      undefined,
      null,
      '',
      'not a url',
      'chrome://extensions',
      'chrome-extension://abc/popup.html',
      'http://acme.leanix.net/ws/factsheet/Application/app-shop',
      'https://leanix.net/ws/factsheet/Application/app-shop',
      'https://evilleanix.net/ws/factsheet/Application/app-shop',
      'https://acme.leanix.net.evil.com/ws/factsheet/Application/app-shop',
      'https://acme.leanix.net/ws/dashboard/Application/app-shop',
      'https://acme.leanix.net/ws/factsheet/Application',
      'https://acme.leanix.net/ws/factsheet/Application/',
      'https://acme.leanix.net/ws/factsheet//app-shop',
      'https://acme.leanix.net/ws/factsheet/Appli<cation/app-shop',
      'https://acme.leanix.net/ws/factsheet/Application/%E0%A4%A',
      'https://acme.leanix.net/factsheet/Application/app-shop',
    ]) {
      expect(parseLeanixUrl(url), String(url)).toBeNull();
    }
  });
});
