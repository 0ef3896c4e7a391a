import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, SEAL_PATH, chipGroups, patchesFor, sealStates } from '../../src/ui/quick-check/chips';
import { actorAmong, actorSettingKey, legacyActorKeys, rememberedActor } from '../../src/ui/quick-check/remembered-actor';
import { startOfLink } from '../../src/ui/quick-check/start';
import { questionToHash } from '../../src/ui/question-link';
import { questionFromHash } from '../../src/ui/question-link-read';

const type = { fields: ['cost/eur', 'a~b', 'name'], relations: ['relToParent'] };

describe('chipGroups', () => {
  it('offers each path once, escaped, named as declared', () => {
    const groups = chipGroups(type);
    expect(groups.map((g) => g.name)).toEqual(['Base fields', 'Attributes', 'Relations', 'Sections', 'Quality seal']);
    const attributes = groups.find((g) => g.name === 'Attributes')!.chips;
    expect(attributes.map((c) => [c.path, c.name])).toEqual([
      ['/cost~1eur', 'cost/eur'],
      ['/a~0b', 'a~b'],
    ]);
    const all = groups.flatMap((g) => g.chips.map((c) => c.path));
    expect(new Set(all).size).toBe(all.length);
    expect(groups.at(-1)!.chips.map((c) => c.path)).toEqual([SEAL_PATH]);
  });
});

describe('patchesFor', () => {
  it('makes escaped patches for the chosen chips, in chip order', () => {
    const groups = chipGroups(type);
    const patches = patchesFor(groups, new Set([SEAL_PATH, '/a~0b', '/cost~1eur', '/comments']), PLACEHOLDER, 'BROKEN_QUALITY_SEAL');
    expect(patches).toEqual([
      { op: 'replace', path: '/cost~1eur', value: 'changed' },
      { op: 'replace', path: '/a~0b', value: 'changed' },
      { op: 'add', path: '/comments', value: 'changed' },
      { op: 'replace', path: '/lxState', value: 'BROKEN_QUALITY_SEAL' },
    ]);
  });

  it('reads the typed value as JSON when it parses', () => {
    expect(patchesFor(chipGroups(type), new Set(['/cost~1eur']), '130', 'APPROVED')).toEqual([{ op: 'replace', path: '/cost~1eur', value: 130 }]);
  });
});

describe('sealStates', () => {
  it('offers DRAFT and REJECTED only where the type has them', () => {
    expect(sealStates({ qualitySeal: { draft: false, rejected: false } })).toEqual(['APPROVED', 'BROKEN_QUALITY_SEAL']);
    expect(sealStates({ qualitySeal: { draft: true, rejected: true } })).toEqual(['APPROVED', 'BROKEN_QUALITY_SEAL', 'DRAFT', 'REJECTED']);
  });
});

describe('the remembered actor', () => {
  it('is one setting per workspace; the popup’s and the playground’s old keys are read when it is missing', () => {
    expect(actorSettingKey('ws1')).toBe('quick-check.actor.ws1');
    expect(legacyActorKeys('ws1')).toEqual(['popup.actor.ws1', 'quickcheck.actor.ws1']);
  });

  it('is taken when it is still an actor of the workspace, a bare user id as its `user:` value', () => {
    expect(actorAmong('cve-feed', ['cve-feed', 'owner'])).toBe('cve-feed');
    expect(actorAmong('sync', ['user:sync', 'token:t-sync'])).toBe('user:sync');
    expect(actorAmong('token:t-sync', ['user:sync', 'token:t-sync'])).toBe('token:t-sync');
    expect(actorAmong('gone', ['cve-feed'])).toBeNull();
    expect(actorAmong(42, ['cve-feed'])).toBeNull();
    expect(actorAmong('', [''])).toBeNull();
  });
});

/** Settings kept in a map, as the worker's store keeps them. */
function settings(entries: Record<string, unknown>) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getSetting: async (key: string) => (map.has(key) ? { ok: true as const, value: map.get(key) } : { ok: true as const, value: undefined }),
    setSetting: async (key: string, value: unknown) => {
      map.set(key, value);
      return { ok: true as const, value: undefined };
    },
  };
}

describe('rememberedActor', () => {
  const leanix = ['cve-feed', 'cve-feed-sealed', 'owner'];

  it('reads the one setting first', async () => {
    const s = settings({ 'quick-check.actor.ws1': 'owner', 'popup.actor.ws1': 'cve-feed' });
    expect(await rememberedActor(s, 'ws1', leanix)).toBe('owner');
  });

  it('keeps the popup’s old choice, and writes it under the one setting', async () => {
    const s = settings({ 'popup.actor.ws1': 'cve-feed-sealed', 'quickcheck.actor.ws1': 'owner' });
    expect(await rememberedActor(s, 'ws1', leanix)).toBe('cve-feed-sealed');
    expect(s.map.get('quick-check.actor.ws1')).toBe('cve-feed-sealed');
  });

  it('falls back to the playground’s old choice; a bare Qualytics user id becomes its `user:` value', async () => {
    const s = settings({ 'quickcheck.actor.q1': 'sync' });
    expect(await rememberedActor(s, 'q1', ['user:admin', 'user:sync', 'token:t-sync'])).toBe('user:sync');
    expect(s.map.get('quick-check.actor.q1')).toBe('user:sync');
  });

  it('passes over an actor the workspace no longer has, and a failed read', async () => {
    const s = settings({ 'quick-check.actor.ws1': 'gone', 'popup.actor.ws1': 'owner' });
    expect(await rememberedActor(s, 'ws1', leanix)).toBe('owner');
    const failing = { getSetting: async () => ({ ok: false as const }), setSetting: async () => undefined };
    expect(await rememberedActor(failing, 'ws1', leanix)).toBeNull();
    expect(await rememberedActor(settings({}), 'ws1', leanix)).toBeNull();
  });
});

describe('the question link', () => {
  it('carries an escaped path through the hash unchanged', () => {
    const link = { workspace: 'ws1', actor: 'cost-sync', factSheet: 'app-billing', paths: ['/cost~1eur', '/a~0b'], value: '130' };
    expect(questionFromHash(questionToHash(link))).toEqual(link);
  });

  it('carries a Qualytics question, a token as the actor', () => {
    const link = { workspace: 'q1', token: 't-sync', request: { method: 'POST', path: '/users', body: '{}' } };
    expect(questionFromHash(questionToHash(link))).toEqual(link);
    expect(startOfLink(link)).toEqual({ actor: 'token:t-sync', request: { method: 'POST', path: '/users', body: '{}' } });
    expect(startOfLink({ workspace: 'q1', actor: 'sync', action: 'check.activate', datastore: 'orders' })).toEqual({ actor: 'sync', action: 'check.activate', datastore: 'orders' });
  });

  it('ignores a malformed hash', () => {
    expect(questionFromHash('#check=%7Bnot json')).toBeNull();
    expect(questionFromHash(`#check=${encodeURIComponent(JSON.stringify({ workspace: 1 }))}`)).toBeNull();
  });
});
