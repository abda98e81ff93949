import { isConditionSchema, resolve, variantsOf, type JsonSchema } from './json-schema';

export type FieldKind =
  | 'condition'
  | 'duration'
  | 'union'
  | 'object'
  | 'record'
  | 'enum'
  | 'const'
  | 'boolean'
  | 'number'
  | 'longText'
  | 'string'
  | 'multiSelect'
  | 'array'
  | 'json';

/**
 * Fields that hold ISO-8601 durations. zod's JSON Schema of a duration is a bare string, so the
 * field's name is what identifies it (the names the journey language uses for durations).
 */
const durationNames = new Set(['duration', 'timeout', 'within', 'cooldown', 'offset']);
/** Message bodies: multi-line editors. */
const longTextNames = new Set(['body', 'html', 'text']);

/** Which widget edits a field. */
export function fieldKind(name: string, schema: JsonSchema, root: JsonSchema): FieldKind {
  const resolved = resolve(schema, root);
  if (isConditionSchema(resolved, root)) return 'condition';
  if (variantsOf(resolved, root)) return 'union';
  if (resolved.const !== undefined) return 'const';
  if (resolved.enum) return 'enum';
  switch (resolved.type) {
    case 'string':
      if (durationNames.has(name)) return 'duration';
      return longTextNames.has(name) ? 'longText' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return resolve(resolved.items ?? {}, root).enum ? 'multiSelect' : 'array';
    case 'object':
      return resolved.properties ? 'object' : 'record';
    default:
      return 'json';
  }
}
