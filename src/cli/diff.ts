// `sealcheck diff OLD NEW`: exit 0 when NEW grants no access OLD did not, 1 when it does.
import { diffPolicies } from '../engine/diff';
import type { Capability } from '../engine/diff';
import type { Io } from './io';
import { loadFile, paint, printErrors } from './io';

export async function diffCommand(io: Io, oldFile: string, newFile: string, json: boolean): Promise<number> {
  const [a, b] = await Promise.all([loadFile(oldFile), loadFile(newFile)]);
  if (!a.ok || !b.ok) {
    if (!a.ok) printErrors(io, oldFile, a.errors);
    if (!b.ok) printErrors(io, newFile, b.errors);
    return 2;
  }
  if (a.policy.platform !== b.policy.platform) {
    io.err(`sealcheck diff: \`${oldFile}\` is ${a.policy.platform} and \`${newFile}\` is ${b.policy.platform}`);
    return 2;
  }
  const d = diffPolicies(a.policy, b.policy);
  if (json) {
    io.out(JSON.stringify({ added: d.added, removed: d.removed, scenarioChanges: d.scenarioChanges, sealChanges: d.sealChanges, rolesAdded: d.rolesAdded, rolesRemoved: d.rolesRemoved, sealChangesOmitted: d.sealChangesOmitted }, null, 2));
    return d.added.length ? 1 : 0;
  }
  const byUser = (caps: readonly Capability[]) => {
    const m = new Map<string, string[]>();
    for (const c of caps) {
      const list = m.get(c.user) ?? [];
      list.push(`${c.action} ${c.resource} ${c.type}${c.qualifier === '*' ? '' : `.${c.qualifier}`}`);
      m.set(c.user, list);
    }
    return m;
  };
  const section = (title: string, caps: readonly Capability[], sign: string, color: number) => {
    if (!caps.length) return;
    io.out(`${title} (${caps.length.toLocaleString('en-US')}):`);
    for (const [user, list] of byUser(caps)) {
      io.out(`  ${user}`);
      for (const x of list.slice(0, 50)) io.out(`    ${paint(io, color, sign)} ${x}`);
      if (list.length > 50) io.out(`    … ${list.length - 50} more`);
    }
  };
  section('Access added', d.added, '+', 31);
  section('Access removed', d.removed, '-', 32);
  if (d.rolesAdded.length || d.rolesRemoved.length) {
    io.out('By role:');
    const roles = new Set([...d.rolesAdded.map((r) => r.role), ...d.rolesRemoved.map((r) => r.role)]);
    for (const role of roles) {
      const add = d.rolesAdded.filter((r) => r.role === role).length;
      const rem = d.rolesRemoved.filter((r) => r.role === role).length;
      io.out(`  ${role}: +${add} -${rem}`);
    }
  }
  for (const s of d.scenarioChanges) io.out(`scenario \`${s.name}\` changes: ${JSON.stringify(s.old)} → ${JSON.stringify(s.new)}`);
  if (d.sealChanges.length) {
    io.out(`Seal outcomes that change (${(d.sealChanges.length + d.sealChangesOmitted).toLocaleString('en-US')}):`);
    for (const s of d.sealChanges.slice(0, 20)) io.out(`  ${s.user} editing ${s.factSheet}: ${s.old} → ${s.new}`);
    if (d.sealChanges.length > 20) io.out(`  … ${d.sealChanges.length + d.sealChangesOmitted - 20} more`);
  }
  if (!d.added.length && !d.removed.length && !d.scenarioChanges.length && !d.sealChanges.length) io.out('no difference in access, scenarios or seals');
  io.out(d.added.length ? `NEW grants ${d.added.length.toLocaleString('en-US')} access${d.added.length === 1 ? '' : 'es'} OLD did not` : 'NEW grants no access OLD did not');
  return d.added.length ? 1 : 0;
}
