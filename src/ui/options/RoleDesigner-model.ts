// The role designer's pure helpers: line checking, names, the start-from choices and the
// impact sentence. No DOM; unit-tested in test/ui/role-designer.test.ts.
import { parsePermission } from '../../model/permission';
import type { GrammarContext, GrammarError } from '../../model/permission';
import type { RoleImpact } from '../../engine/leanix/matrix';
import { STANDARD_ROLES } from '../../model/vocabulary';

export interface DeclaredType {
  readonly name: string;
  readonly fields: readonly string[];
  readonly relations: readonly string[];
}

export function grammarContext(types: readonly DeclaredType[]): GrammarContext {
  return { types: new Map(types.map((t) => [t.name, { fields: t.fields, relations: t.relations }])) };
}

export interface CheckedLine {
  /** 0-based line index in the editor's text. */
  readonly index: number;
  readonly text: string;
  readonly error: GrammarError | null;
}

/** Every non-blank line of the editor, checked with the permission grammar. */
export function checkLines(text: string, context: GrammarContext): CheckedLine[] {
  const out: CheckedLine[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parsePermission(line, context);
    out.push({ index, text: line, error: parsed.ok ? null : parsed.error });
  });
  return out;
}

/** The permissions of the editor's text: its non-blank lines, as written. */
export function permissionsOf(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** Where the error's underline ends: the rest of the offending segment or comma item. */
export function errorSpan(line: string, position: number): { start: number; end: number } {
  const start = Math.max(0, position - 1);
  if (start >= line.length) return { start: line.length, end: line.length };
  let end = start;
  while (end < line.length && line[end] !== ':' && line[end] !== ',') end++;
  if (end === start) end = start + 1; // the error is at a separator itself
  return { start, end };
}

/** Why a draft name cannot be used, or null. */
export function draftNameProblem(name: string, otherDrafts: readonly string[]): string | null {
  if (name.trim() === '') return 'give the draft a name';
  if (/\s/.test(name)) return 'a role name has no spaces';
  if ((STANDARD_ROLES as readonly string[]).includes(name)) return `${name} is a built-in role; choose another name`;
  if (otherDrafts.includes(name)) return `there is already a draft named ${name}`;
  return null;
}

/** The "start from" choices of a new draft. */
export type StartFrom =
  | { kind: 'empty' }
  | { kind: 'clone'; from: string }
  /** Edit an existing customer role: same name, its permissions and its clone source. */
  | { kind: 'revise'; role: string };

export function startOptions(customerRoles: readonly string[]): { value: string; label: string; start: StartFrom }[] {
  return [
    { value: 'clone:MEMBER', label: 'Clone from MEMBER', start: { kind: 'clone', from: 'MEMBER' } },
    { value: 'clone:VIEWER', label: 'Clone from VIEWER', start: { kind: 'clone', from: 'VIEWER' } },
    { value: 'empty', label: 'Empty role (no grants)', start: { kind: 'empty' } },
    ...customerRoles.map((r) => ({ value: `clone:${r}`, label: `Clone from ${r}`, start: { kind: 'clone', from: r } as StartFrom })),
    ...customerRoles.map((r) => ({ value: `revise:${r}`, label: `Revise ${r} (same name)`, start: { kind: 'revise', role: r } as StartFrom })),
  ];
}

const count = new Intl.NumberFormat('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** "A holder of this role writing what it may would break 212 seals, notify 37 owners." */
export function impactSentence(impact: RoleImpact): string {
  if (impact.approved === 0) return 'The workspace has no approved seal this role could break.';
  if (impact.sealsBroken === 0) {
    return `A holder of this role writing what it may would break no seals (of ${plural(impact.approved, 'approved fact sheet')}).`;
  }
  return `A holder of this role writing what it may would break ${plural(impact.sealsBroken, 'seal')}, notify ${plural(
    impact.ownersNotified,
    'owner',
  )} (of ${plural(impact.approved, 'approved fact sheet')}).`;
}

/** A date and time shown short and local, for "saved at". */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
