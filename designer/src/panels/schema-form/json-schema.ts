/** The subset of JSON Schema (2020-12) that zod's `toJSONSchema` emits for node data and custom step configs. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

/** Follows a local `$ref` (`#/$defs/name`) against the root schema. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 32; depth++) {
    const name = current.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    current = root.$defs?.[name] ?? {};
  }
  return current;
}

/** The alternatives of a union, nested unions flattened (message data is anyOf[oneOf[channels], fallback]). */
export function variantsOf(schema: JsonSchema, root: JsonSchema): JsonSchema[] | undefined {
  const resolved = resolve(schema, root);
  const union = resolved.anyOf ?? resolved.oneOf;
  if (!union) return undefined;
  return union.flatMap((variant) => variantsOf(variant, root) ?? [resolve(variant, root)]);
}

const constsOf = (variant: JsonSchema): [string, unknown][] =>
  Object.entries(variant.properties ?? {}).flatMap(([key, property]) =>
    property.const !== undefined ? [[key, property.const] as [string, unknown]] : [],
  );

/** The property whose constant tells the variants apart (`kind`, `channel`), if any. */
export function discriminatorOf(variants: JsonSchema[]): string | undefined {
  return constsOf(variants[0] ?? {})
    .map(([key]) => key)
    .find((key) => variants.filter((variant) => variant.properties?.[key]?.const !== undefined).length >= 2);
}

/** How the union select names a variant: its discriminator value, else its required fields. */
export function variantLabel(variant: JsonSchema, discriminator: string | undefined): string {
  const constant = discriminator ? variant.properties?.[discriminator]?.const : undefined;
  if (constant !== undefined) return String(constant);
  if (variant.title) return variant.title;
  return (variant.required ?? Object.keys(variant.properties ?? {})).join(' + ') || 'value';
}

/** JSON Schema's name for a plain value's type (`integer` schemas take numbers too). */
const typeOfValue = (value: unknown): string | undefined =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : ['string', 'number', 'boolean', 'object'].includes(typeof value)
        ? typeof value
        : undefined;

/** Which variant a value is: a plain value by its type, else the one whose constants it carries, else the first whose required fields it has. */
export function matchVariant(variants: JsonSchema[], value: unknown): number {
  const type = typeOfValue(value);
  if (type !== 'object' && type !== undefined) {
    const byType = variants.findIndex(
      (variant) => variant.type === type || (type === 'number' && variant.type === 'integer'),
    );
    if (byType >= 0) return byType;
  }
  const object = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const byConst = variants.findIndex((variant) => {
    const consts = constsOf(variant);
    return consts.length > 0 && consts.every(([key, constant]) => object[key] === constant);
  });
  if (byConst >= 0) return byConst;
  const plain = (variant: JsonSchema) => typeof variant.type === 'string' && variant.type !== 'object';
  const byFields = variants.findIndex(
    (variant) =>
      !plain(variant) && constsOf(variant).length === 0 && (variant.required ?? []).every((key) => key in object),
  );
  return Math.max(byFields, 0);
}

/** The starting value of a field when it is added or its variant chosen: constants and required fields filled. */
export function initialValue(schema: JsonSchema, root: JsonSchema): unknown {
  const resolved = resolve(schema, root);
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.default !== undefined) return structuredClone(resolved.default);
  if (resolved.enum) return resolved.enum[0];
  if (isConditionSchema(resolved, root)) return { attr: 'profile.plan', op: 'exists' };
  const variants = variantsOf(resolved, root);
  if (variants) return initialValue(variants[0] ?? {}, root);
  switch (resolved.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {})
          .filter(([key, property]) => resolved.required?.includes(key) || property.const !== undefined)
          .map(([key, property]) => [key, initialValue(property, root)]),
      );
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return resolved.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    default:
      return undefined;
  }
}

/** A journey condition (docs/journey-language.md#conditions): a union offering both `all` and `attr`. Gets the condition builder. */
export function isConditionSchema(schema: JsonSchema, root: JsonSchema): boolean {
  const variants = variantsOf(schema, root);
  return Boolean(
    variants?.some((variant) => variant.properties?.all) && variants.some((variant) => variant.properties?.attr),
  );
}

/** "replyTo" -> "Reply to", "imageUrl" -> "Image URL". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return (words.charAt(0).toUpperCase() + words.slice(1)).replace(/\burl\b/gi, 'URL').replace(/\bid\b/gi, 'ID');
}
