// A small JSON Schema checker for the keywords the generated policy schema uses,
// enough to show that files match it without a validator library. An unknown
// keyword fails loudly, so the checker cannot silently skip part of the schema.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$defs', '$ref', 'title', 'description', 'default',
  'type', 'const', 'enum', 'oneOf', 'anyOf',
  'properties', 'required', 'additionalProperties', 'propertyNames',
  'items', 'minItems', 'minLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

/** Every mismatch of `value` against `schema`, as `path: problem`; empty when it matches. */
export function schemaMismatches(root: Schema, value: unknown): string[] {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const mismatches = (schema: Schema, v: unknown, path: string): string[] => {
    const out: string[] = [];
    check(schema, v, path, out);
    return out;
  };
  const check = (schema: Schema, v: unknown, path: string, out: string[]): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace(/^#\/\$defs\//, '');
      const target = defs[name];
      if (!target) throw new Error(`unresolved ${schema.$ref}`);
      check(target, v, path, out);
    }
    if (typeof schema.type === 'string' && !hasType(v, schema.type)) {
      out.push(`${path}: expected ${schema.type}, found ${typeOf(v)}`);
      return;
    }
    if ('const' in schema && v !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) out.push(`${path}: not in enum`);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = schema[key] as Schema[] | undefined;
      if (!options) continue;
      const matching = options.filter((option) => mismatches(option, v, path).length === 0).length;
      if (key === 'oneOf' ? matching !== 1 : matching === 0) out.push(`${path}: ${matching} of ${options.length} ${key} options match`);
    }
    if (typeof v === 'string') {
      if (typeof schema.minLength === 'number' && v.length < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${path}: does not match ${schema.pattern}`);
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) out.push(`${path}: below minimum`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) out.push(`${path}: above maximum`);
      if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) out.push(`${path}: not above ${schema.exclusiveMinimum}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
      if (schema.items) v.forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, out));
    }
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) if (!(key in object)) out.push(`${path}.${key}: required`);
      for (const [key, item] of Object.entries(object)) {
        if (properties[key]) check(properties[key], item, `${path}.${key}`, out);
        else if (schema.additionalProperties === false) out.push(`${path}.${key}: not allowed`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, item, `${path}.${key}`, out);
      }
    }
  };
  return mismatches(root, value, '$');
}
