// Permission strings of the authorization model, read for the pulled model: a list
// item naming a resource, action, type or field the model lacks (compared without
// letter case, as Shiro does) is dropped, the rest of the string stays
// (`FACT_SHEET:READ:Application,Project` keeps `FACT_SHEET:READ:Application` when
// `Project` is unknown); a string left with no item in a part, or one the grammar
// still refuses, is dropped. Every drop is reported.
import { parsePermission } from '../model/permission';
import type { GrammarContext } from '../model/permission';
import { BASE_FIELDS, RESOURCES, SHIRO_ACTIONS } from '../model/vocabulary';
import type { Notes } from './notes';

export interface TypeShape {
  readonly fields: readonly string[];
  readonly relations: readonly string[];
}

const RESOURCE_KEYS = new Set<string>(RESOURCES);
const ACTION_KEYS = new Set<string>(SHIRO_ACTIONS);
const BASE_KEYS = new Set(BASE_FIELDS.map((f) => f.toLowerCase()));

export const DROPPED_ITEM = 'permission list items naming a resource, action, type or field the pulled model lacks, dropped (the rest of each string kept)';
export const DROPPED_STRING = 'permission strings left without a resource, action, type or field, dropped';
export const REFUSED_STRING = 'permission strings the permission grammar refuses, dropped';

/** The object form `{domain, actions, instances}` as strings, one per instance. */
export function permissionStrings(domain: string, actions: readonly string[], instances: readonly (readonly string[])[]): string[] {
  const head = `${domain}:${actions.join(',')}`;
  if (instances.length === 0) return [`${head}:*`];
  return instances.map((values) => (values.length === 0 ? `${head}:*` : `${head}:${values.join(':')}`));
}

export class PermissionFilter {
  private readonly types = new Map<string, TypeShape>();
  private readonly context: GrammarContext;

  constructor(types: ReadonlyMap<string, TypeShape>, private readonly notes: Notes) {
    for (const [name, shape] of types) this.types.set(name.toLowerCase(), shape);
    this.context = { types };
  }

  /** The string as the pulled model can read it, or null when nothing of it is left. */
  filter(role: string, text: string): string | null {
    const parts = text.split(':');
    if (parts.length > 4) return this.refuse(role, text);
    const dropped: string[] = [];
    const keep = (part: string, ok: (item: string) => boolean): string[] =>
      part.split(',').map((item) => item.trim()).filter((item) => {
        if (item === '') return false;
        if (item === '*' || ok(item)) return true;
        dropped.push(item);
        return false;
      });

    const resources = keep(parts[0]!, (r) => RESOURCE_KEYS.has(r.toUpperCase()));
    const actions = parts.length > 1 ? keep(parts[1]!, (a) => ACTION_KEYS.has(a.toUpperCase())) : null;
    const types = parts.length > 2 ? keep(parts[2]!, (t) => this.types.has(t.toLowerCase())) : null;
    const anyType = types === null || types.includes('*');
    const shapes = anyType ? [...this.types.values()] : types.map((t) => this.types.get(t.toLowerCase())!);
    const upper = resources.map((r) => r.toUpperCase());
    const qualifiers =
      parts.length > 3
        ? keep(parts[3]!, (q) => {
            const key = q.toLowerCase();
            if (upper.includes('FACT_SHEET_BASE_FIELDS') && BASE_KEYS.has(key)) return true;
            const fields = upper.includes('FACT_SHEET_FIELDS');
            const relations = upper.includes('FACT_SHEET_RELATIONS');
            return shapes.some(
              (s) => (fields && s.fields.some((f) => f.toLowerCase() === key)) || (relations && s.relations.some((r) => r.toLowerCase() === key)),
            );
          })
        : null;

    const kept = [resources, actions, types, qualifiers].filter((p): p is string[] => p !== null);
    if (kept.some((p) => p.length === 0)) {
      this.notes.add(DROPPED_STRING, `${role}: ${text}`);
      return null;
    }
    for (const item of dropped) this.notes.add(DROPPED_ITEM, `${role}: \`${item}\` in ${text}`);
    // Equal to `text` when nothing was dropped (and it had no spaces or empty items).
    const result = kept.map((p) => p.join(',')).join(':');
    const parsed = parsePermission(result, this.context);
    if (!parsed.ok) return this.refuse(role, result, parsed.error.message);
    return result;
  }

  private refuse(role: string, text: string, why?: string): null {
    this.notes.add(REFUSED_STRING, `${role}: ${text}${why ? ` (${why})` : ''}`);
    return null;
  }
}
