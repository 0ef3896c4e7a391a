import { describe, expect, it } from 'vitest';
import { parseLeanixUrl } from '../../src/ui/popup/leanix-url';
import { candidatesFor, pulledOrigins } from '../../src/ui/popup/preselect';
import type { WorkspaceSummary } from '../../src/storage/store';

describe('parseLeanixUrl', () => {
  it('reads workspace, type and id from a fact-sheet page', () => {
    expect(parseLeanixUrl('https://acme.leanix.net/AcmeProd/factsheet/Application/app-shop')).toEqual({
      origin: 'https://acme.leanix.net',
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

describe('pages of the origin a workspace was pulled from', () => {
  const summary = (id: string, name: string, extra: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
    id,
    name,
    platform: 'leanix',
    factSheetCount: 1,
    userCount: 1,
    scenarioCount: 0,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...extra,
  });
  const pulled = (origin: string) => ({ pulledFrom: { platform: 'leanix' as const, origin, at: '2026-12-01T00:00:00Z' } });

  it('a pulled origin is a LeanIX host too (on-premise host, local test server); others stay refused', () => {
    const workspaces = [summary('a', 'acme'), summary('b', 'lab', pulled('http://127.0.0.1:4010')), summary('q', 'dq', { platform: 'qualytics', ...pulled('http://127.0.0.1:5000') })];
    const origins = pulledOrigins(workspaces);
    expect(origins).toEqual(['http://127.0.0.1:4010']);
    expect(parseLeanixUrl('http://127.0.0.1:4010/lab/factsheet/Application/app-3', origins)).toEqual({
      origin: 'http://127.0.0.1:4010',
      host: '127.0.0.1',
      workspace: 'lab',
      type: 'Application',
      id: 'app-3',
    });
    expect(parseLeanixUrl('http://127.0.0.1:4010/lab/factsheet/Application/app-3')).toBeNull();
    expect(parseLeanixUrl('http://127.0.0.1:4011/lab/factsheet/Application/app-3', origins)).toBeNull();
    expect(parseLeanixUrl('http://127.0.0.1:5000/dq/factsheet/Application/app-3', origins)).toBeNull();
  });

  it('looks first in workspaces pulled from the page origin, then by the LeanIX workspace name, then the last used', () => {
    const workspaces = [
      summary('file', 'acme-ea'),
      summary('last', 'other'),
      summary('elsewhere', 'acme-ea (2)', pulled('https://other.leanix.net')),
      summary('here', 'renamed', pulled('https://acme.leanix.net')),
      summary('q', 'acme-ea', { platform: 'qualytics' }),
    ];
    const page = { origin: 'https://acme.leanix.net', workspace: 'ACME-EA' };
    expect(candidatesFor(workspaces, page, 'last').map((w) => w.id)).toEqual(['here', 'file', 'last', 'elsewhere']);
    expect(candidatesFor(workspaces, { ...page, origin: 'https://x.leanix.net' }, 'last').map((w) => w.id)).toEqual(['file', 'last', 'elsewhere', 'here']);
  });
});
