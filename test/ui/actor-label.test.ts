import { describe, expect, it } from 'vitest';
import { actorLabel, integrationFirst, tokenLabel } from '../../src/ui/components/actor-label';
import { fitLabel, shortLabel } from '../../src/ui/components/text-fit';

describe('actorLabel', () => {
  it('names a LeanIX user by id, kind, standard role and customer roles', () => {
    expect(actorLabel({ id: 'vuln-sync', kind: 'technical', role: 'MEMBER', customerRoles: ['VULN_SYNC'] })).toBe('vuln-sync · technical · MEMBER + VULN_SYNC');
    expect(actorLabel({ id: 'feed', kind: 'technical', role: 'MEMBER', customerRoles: ['CVE_FEED', 'OPS'] })).toBe('feed · technical · MEMBER + CVE_FEED + OPS');
  });

  it('leaves out what a user does not have', () => {
    expect(actorLabel({ id: 'owner', kind: 'human', role: 'MEMBER', customerRoles: [] })).toBe('owner · human · MEMBER');
    expect(actorLabel({ id: 'admin', kind: 'human', role: 'Admin', teams: [] })).toBe('admin · human · Admin');
  });

  it('names a Qualytics user by id, kind, role and teams', () => {
    expect(actorLabel({ id: 'svc-sync', kind: 'service', role: 'Member', teams: ['Security'] })).toBe('svc-sync · service · Member · teams Security');
    expect(actorLabel({ id: 'lead', kind: 'human', role: 'Manager', teams: ['Quality', 'Ops'] })).toBe('lead · human · Manager · teams Quality, Ops');
  });
});

describe('tokenLabel', () => {
  it('names a token by id, kind, name, owner and state', () => {
    expect(tokenLabel({ id: 't-sync', user: 'sync', name: 'nightly', kind: 'service', state: 'Active' })).toBe('t-sync · service token “nightly” of sync · Active');
    expect(tokenLabel({ id: 't1', user: 'sync', name: 't1', kind: 'personal', state: 'Revoked' })).toBe('t1 · personal token of sync · Revoked');
  });
});

describe('integrationFirst', () => {
  it('puts technical and service users before people, each by id', () => {
    const users = [{ id: 'owner', kind: 'human' }, { id: 'ops-admin', kind: 'technical' }, { id: 'cve-feed', kind: 'technical' }, { id: 'editor', kind: 'human' }];
    expect(integrationFirst(users).map((u) => u.id)).toEqual(['cve-feed', 'ops-admin', 'editor', 'owner']);
  });
});

describe('shortLabel', () => {
  const label = 'cve-feed-sealed · technical · MEMBER + CVE_FEED_SEALED';

  it('keeps a label that fits', () => {
    expect(shortLabel(label, label.length)).toBe(label);
  });

  it('cuts where a word ends, with an ellipsis, within the budget', () => {
    expect(shortLabel(label, 45)).toBe('cve-feed-sealed · technical · MEMBER…');
    expect(shortLabel(label, 30)).toBe('cve-feed-sealed · technical…');
    for (let max = 16; max < label.length; max++) expect(shortLabel(label, max).length).toBeLessThanOrEqual(max);
  });

  it('never cuts inside a word: every shortened label is a run of whole words of the full one', () => {
    const words = new Set(label.split(/[\s·+,]+/));
    for (let max = 1; max < label.length; max++) {
      const short = shortLabel(label, max);
      expect(short.endsWith('…')).toBe(true);
      for (const w of short.slice(0, -1).split(/[\s·+,]+/)) expect(words.has(w)).toBe(true);
    }
  });

  it('keeps the id whole even when it alone is longer than the budget', () => {
    expect(shortLabel(label, 5)).toBe('cve-feed-sealed…');
    expect(shortLabel('a-very-long-identifier', 5)).toBe('a-very-long-identifier');
  });

  it('fits by any measure, the longest whole-word cut that fits', () => {
    const wide = (text: string) => text.replace(/[A-Z_]/g, 'WW').length <= 40; // capitals count double
    expect(fitLabel(label, wide)).toBe('cve-feed-sealed · technical…');
    expect(fitLabel(label, () => true)).toBe(label);
  });

  it('cuts a Qualytics label between teams', () => {
    expect(shortLabel('lead · human · Manager · teams Quality, Ops', 40)).toBe('lead · human · Manager · teams Quality…');
  });
});
