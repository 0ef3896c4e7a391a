// `sealcheck check` (one question, the full verdict), `sealcheck who` (the reverse
// question) and `explain --scenario` by a part of a name.
import { describe, expect, it } from 'vitest';
import { compileLeanix } from '../../src/engine/leanix/compile';
import { evaluateLeanix } from '../../src/engine/leanix/evaluate';
import { whoAnswers } from '../../src/engine/leanix/who';
import { loadPolicyText } from '../../src/policy/validate';
import type { LeanixPolicy } from '../../src/model/schema';
import { valueOf } from '../../src/cli/check';
import { findScenario } from '../../src/cli/explain';
import { readFileSync } from 'node:fs';
import { LEANIX, QUALYTICS, VULN, sealcheck } from './helpers';

function leanix(file: string): LeanixPolicy {
  const r = loadPolicyText(readFileSync(file, 'utf8'));
  if (!r.ok || r.policy.platform !== 'leanix') throw new Error('fixture');
  return r.policy;
}

describe('sealcheck check', () => {
  it('answers an update with the verdict explain gives, its reasons, fixes and outcome', async () => {
    const r = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', '/cveCount=5']);
    expect(r.code).toBe(0);
    const explain = await sealcheck(['explain', LEANIX, '--scenario', 'feed with a narrow role breaks the seal']);
    // the same scenario as a question: the same verdict and reasons, line for line
    const body = (out: string) => out.split('\n').slice(1, out.split('\n').indexOf('Actual:') >= 0 ? out.split('\n').indexOf('Actual:') : out.split('\n').indexOf('Outcome:'));
    expect(body(r.stdout)).toEqual(body(explain.stdout));
    expect(r.stdout).toContain('cve-feed: update app-shop (Web shop): replace /cveCount = 5');
    expect(r.stdout).toContain('Allowed · seal breaks — notifies owner; 2 events');
    expect(r.stdout).toContain('  sealBroken: true');
  });

  it('reads values as JSON when they are JSON, else as text', () => {
    expect(valueOf('3')).toBe(3);
    expect(valueOf('"3"')).toBe('3');
    expect(valueOf('true')).toBe(true);
    expect(valueOf('["a","b"]')).toEqual(['a', 'b']);
    expect(valueOf('phaseOut')).toBe('phaseOut');
    expect(valueOf('')).toBe('');
    expect(valueOf('null')).toBe(null);
  });

  it('keeps the patches in the order given, --set, --add and --remove alike, and --json gives the question back', async () => {
    const r = await sealcheck(['check', LEANIX, '--actor', 'owner', '--fact-sheet', 'app-shop', '--remove', '/lifecycle', '--set', '/cveCount=7', '--add', '/relApplicationToBusinessCapability=["bc-sales"]', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.question.operation.patches).toEqual([
      { op: 'remove', path: '/lifecycle' },
      { op: 'replace', path: '/cveCount', value: 7 },
      { op: 'add', path: '/relApplicationToBusinessCapability', value: ['bc-sales'] },
    ]);
    const policy = leanix(LEANIX);
    const expected = evaluateLeanix(compileLeanix(policy), 'owner', out.question.operation, Date.parse(policy.asOf));
    expect(out.actual.allowed).toBe(expected.allowed);
    expect(out.actual.sealBroken).toBe(expected.sealBroken);
    expect(out.reasons).toEqual(expected.reasons.map((x) => x.text));
    expect(Object.keys(out).sort()).toEqual(['actual', 'fixes', 'question', 'reasons', 'verdict']);
  });

  it('read, archive and create', async () => {
    const read = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--op', 'read', '--json']);
    expect(JSON.parse(read.stdout).question.operation).toEqual({ op: 'read', factSheet: 'app-shop' });
    const archive = await sealcheck(['check', LEANIX, '--actor', 'editor', '--fact-sheet', 'app-shop', '--op', 'archive']);
    expect(archive.code).toBe(0);
    const create = await sealcheck(['check', LEANIX, '--actor', 'editor', '--op', 'create', '--type', 'Application', '--set', '/name=New app', '--json']);
    expect(create.code).toBe(0);
    const out = JSON.parse(create.stdout);
    expect(out.question.operation).toEqual({ op: 'create', type: 'Application', values: { name: 'New app' } });
    expect(out.actual.lxStateAfter).toBe('BROKEN_QUALITY_SEAL');
  });

  it('a denied question: the verdict says what is missing', async () => {
    const r = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', '/lifecycle=phaseOut']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Denied — /m);
    expect(r.stdout).toContain('deniedPaths: ["/lifecycle"]');
  });

  it('located errors name the flag, with did-you-mean, exit 2', async () => {
    const r = await sealcheck(['check', LEANIX, '--actor', 'cve-fed', '--fact-sheet', 'app-shp', '--set', '/cveCont=5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sealcheck check: --actor: unknown user `cve-fed`; did you mean `cve-feed`?');
    expect(r.stderr).toContain('sealcheck check: --fact-sheet: unknown fact sheet `app-shp`; did you mean `app-shop`?');
    const p = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', '/cveCont=5']);
    expect(p.stderr).toContain('sealcheck check: --set /cveCont=5: `/cveCont` names nothing of `Application`');
    expect(p.stderr).toContain('did you mean `cveCount`?');
    const shape = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--set', 'cveCount']);
    expect(shape.stderr).toContain('--set cveCount: expected /path=VALUE');
    const nothing = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop']);
    expect(nothing.stderr).toContain('say what the actor does');
    const op = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--op', 'delete']);
    expect(op.stderr).toContain('--op: expected `update`, `create`, `archive` or `read`, found `delete`');
    const at = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--fact-sheet', 'app-shop', '--op', 'read', '--at', 'tomorrow']);
    expect(at.stderr).toContain('--at: `tomorrow` is not a time');
    const wrong = await sealcheck(['check', LEANIX, '--actor', 'cve-feed', '--action', 'check.activate']);
    expect(wrong.stderr).toContain('--action is for Qualytics files');
  });

  it('Qualytics: an action on a datastore, a token, an API request with a body', async () => {
    const a = await sealcheck(['check', QUALYTICS, '--actor', 'sync', '--action', 'check.activate', '--datastore', 'orders', '--json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).actual).toEqual({ allowed: true, status: 200 });
    const t = await sealcheck(['check', QUALYTICS, '--token', 't-sync', '--action', 'operation.run', '--datastore', 'orders']);
    expect(t.stdout).toMatch(/^token t-sync: operation.run on orders$/m);
    expect(t.stdout).toMatch(/^Denied — /m);
    const q = await sealcheck(['check', QUALYTICS, '--actor', 'admin', '--request', 'post /users', '--body', '{"name":"svc-new","role":"Member"}', '--json']);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout).question.operation).toEqual({ request: { method: 'POST', path: '/users', body: { name: 'svc-new', role: 'Member' } } });
    const bad = await sealcheck(['check', QUALYTICS, '--actor', 'admin', '--request', 'PATCH /users']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--request: expected 'METHOD /path' with METHOD `GET`, `POST`, `PUT` or `DELETE`");
    const unknown = await sealcheck(['check', QUALYTICS, '--actor', 'sync', '--action', 'check.activte', '--datastore', 'ordrs']);
    expect(unknown.stderr).toContain('--action: unknown action `check.activte`; did you mean `check.activate`?');
  });
});

describe('sealcheck who', () => {
  it('groups every user: keeps, breaks (with who is notified), approvers, untouchable', async () => {
    const r = await sealcheck(['who', LEANIX, '--fact-sheet', 'app-shop']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Web shop (app-shop), Application: APPROVED (as of 2026-11-24)');
    expect(out).toMatch(/Keep the seal \(3\):\n {2}owner +RESPONSIBLE subscriber \(MEMBER\)/);
    expect(out).toMatch(/^ {2}cve-feed-sealed +CVE_FEED_SEALED grants lxState; \/cveCount$/m);
    expect(out).toMatch(/^ {2}ops-admin +ADMIN/m);
    expect(out).toMatch(/Break the seal \(2\):/);
    expect(out).toMatch(/^ {2}cve-feed +\/cveCount; notifies owner$/m);
    expect(out).toContain('May approve it (set /lxState to APPROVED): owner, cve-feed-sealed, ops-admin');
    expect(out).toContain('Notified when the seal breaks: owner');
  });

  it('agrees with evaluateLeanix for every user, with --paths and without', () => {
    const policy = leanix(VULN);
    const ws = compileLeanix(policy);
    const at = Date.parse(policy.asOf);
    for (const sheet of policy.factSheets) {
      for (const paths of [undefined, ['/securityVulnerabilityCount'], ['/description', '/lifecycle']]) {
        const type = policy.factSheetTypes.find((t) => t.name === sheet.type)!;
        if (paths && !paths.every((p) => type.fields.includes(p.slice(1)) || p === '/description')) continue;
        const a = whoAnswers(ws, { factSheet: sheet.id, at, ...(paths ? { paths } : {}) });
        for (const u of a.users) {
          if (!u.paths.length) {
            expect(u.edit).toBe('denied');
            continue;
          }
          const patches = u.paths.map((path) => ({ op: 'replace' as const, path, value: 'sealcheck' }));
          const o = evaluateLeanix(ws, u.user, { op: 'update', factSheet: sheet.id, patches }, at);
          expect(u.edit === 'denied').toBe(!o.allowed);
          expect(u.edit === 'breaks').toBe(o.sealBroken);
          if (u.edit === 'breaks') expect(u.notified).toEqual(o.notified);
          if (u.edit === 'keeps') expect(o.lxStateAfter).toBe('APPROVED');
          const approve = evaluateLeanix(ws, u.user, { op: 'update', factSheet: sheet.id, patches: [{ op: 'replace', path: '/lxState', value: 'APPROVED' }] }, at);
          expect(u.approve).toBe(approve.allowed);
        }
        expect(a.untouchable).toEqual(a.users.filter((u) => u.edit === 'denied' && !u.approve).map((u) => u.user));
      }
    }
  });

  it('without --paths, each user edits only what it may write; a viewer cannot touch it', async () => {
    const r = await sealcheck(['who', VULN, '--fact-sheet', 'app-crm', '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    const restricted = a.users.find((u: { user: string }) => u.user === 'vuln-sync-restricted');
    expect(restricted).toMatchObject({ paths: ['/securityVulnerabilityCount'], edit: 'breaks' });
    expect(a.untouchable.length).toBeGreaterThan(0);
    for (const id of a.untouchable) expect(a.users.find((u: { user: string }) => u.user === id).editDetail).toBeTruthy();
  });

  it('refuses what it cannot answer, naming the flag', async () => {
    const q = await sealcheck(['who', QUALYTICS, '--fact-sheet', 'x']);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('is a Qualytics file');
    const s = await sealcheck(['who', LEANIX, '--fact-sheet', 'app-shp']);
    expect(s.stderr).toContain('--fact-sheet: unknown fact sheet `app-shp`; did you mean `app-shop`?');
    const p = await sealcheck(['who', LEANIX, '--fact-sheet', 'app-shop', '--paths', '/cveCont,/lxState']);
    expect(p.stderr).toContain('--paths: `/cveCont` names no field, relation or section of `Application`; did you mean `cveCount`?');
    expect(p.stderr).toContain('--paths: `/lxState` is the quality seal');
    const none = await sealcheck(['who', LEANIX]);
    expect(none.stderr).toContain('--fact-sheet: name the fact sheet');
  });
});

describe('explain --scenario by a part of the name', () => {
  const names = ['feed with a narrow role breaks the seal', 'feed cannot touch other fields', 'admin keeps the seal'];

  it('takes the exact name, a unique part (any case), or says which names it matches', () => {
    expect(findScenario(names, 'admin keeps the seal')).toEqual({ ok: true, name: 'admin keeps the seal' });
    expect(findScenario(names, 'NARROW')).toEqual({ ok: true, name: 'feed with a narrow role breaks the seal' });
    const many = findScenario(names, 'feed');
    expect(many.ok).toBe(false);
    if (!many.ok) {
      expect(many.message).toContain('`feed` is part of 2 scenario names');
      expect(many.names).toEqual(names.slice(0, 2));
    }
    const near = findScenario(names, 'admin keps the seal');
    expect(near.ok).toBe(false);
    if (!near.ok) expect(near.names[0]).toBe('admin keeps the seal');
    const words = findScenario(names, 'seal of the narrow feed');
    if (!words.ok) expect(words.names[0]).toBe('feed with a narrow role breaks the seal');
  });

  it('runs a scenario found by a part of its name', async () => {
    const r = await sealcheck(['explain', LEANIX, '--scenario', 'narrow role']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^feed with a narrow role breaks the seal: pass$/m);
  });

  it('lists the closest names on stderr, exit 2', async () => {
    const r = await sealcheck(['explain', LEANIX, '--scenario', 'feed with a narow role breaks the seal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no scenario named `feed with a narow role breaks the seal`; the closest names:');
    expect(r.stderr).toContain('  feed with a narrow role breaks the seal');
  });
});
