// The second half of schema preparation: rewriting a prepared schema so that the type
// json-schema-to-typescript makes of it accepts every value the schema accepts.
import { isObject } from '../load/load.ts';
import type { PreparedSchema } from './schemas.ts';

/**
 * Keywords of a prepared schema that json-schema-to-typescript turns into a narrower type than
 * `unknown`. A schema with none of them accepts every JSON value (`{}`, `{ description }`,
 * `{ format }`, `{ pattern }`, `{ minimum }`, …).
 */
const TYPE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'properties', 'additionalProperties', 'patternProperties', 'required',
  'items', 'additionalItems', 'oneOf', 'anyOf', 'allOf', 'tsType', '$named',
]);

/** Keywords that constrain objects or arrays only: without `type`, every other value is valid. */
const CONTAINER_KEYWORDS = ['properties', 'required', 'additionalProperties', 'patternProperties', 'items'];

/** Whether a prepared schema accepts every value as far as TypeScript can tell. */
function acceptsAnything(schema: PreparedSchema): boolean {
  if (typeof schema === 'boolean') return schema;
  return schema.tsType === 'unknown' || !Object.keys(schema).some((keyword) => TYPE_KEYWORDS.has(keyword));
}

function allowsType(schema: Record<string, unknown>, type: string): boolean {
  return schema.type === undefined || schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

/**
 * Rewrites one prepared schema so that json-schema-to-typescript's type accepts every value the
 * schema accepts, wherever the converter would otherwise refuse some:
 * - a schema that constrains nothing TypeScript can say is `unknown` (the converter makes `{}` or
 *   `{ description }` an object type);
 * - an anyOf/oneOf with a branch that accepts anything is dropped (`type: string` with branches that
 *   only add a `format` is `string`, not `{ [k: string]: unknown } & string`), as is such an allOf branch;
 * - a name in `required` that `properties` does not declare is declared (typed by
 *   `additionalProperties` when that is a schema, else `unknown`), so that it stays required;
 * - `patternProperties` without `additionalProperties` keep the index signature open (`unknown`),
 *   since keys matching no pattern may hold anything;
 * - object or array keywords without `type` constrain objects or arrays only, so every other JSON
 *   type is allowed too;
 * - a draft-06 tuple (`items: [..]`) is a union of its allowed lengths: elements past `minItems` are
 *   optional, and `additionalItems` (absent: anything) types the rest.
 */
export function keepValidValues(schema: Record<string, unknown>): Record<string, unknown> {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[keyword]) && (schema[keyword] as PreparedSchema[]).some(acceptsAnything)) delete schema[keyword];
  }
  if (Array.isArray(schema.allOf)) {
    const branches = (schema.allOf as PreparedSchema[]).filter((branch) => !acceptsAnything(branch));
    if (branches.length > 0) schema.allOf = branches;
    else delete schema.allOf;
  }
  if (Array.isArray(schema.required) && allowsType(schema, 'object')) {
    const properties = { ...(isObject(schema.properties) ? schema.properties : {}) };
    const additional = schema.additionalProperties;
    const undeclared = (schema.required as string[]).filter((name) => !Object.hasOwn(properties, name));
    for (const name of undeclared) {
      properties[name] = isObject(additional) && schema.patternProperties === undefined && !acceptsAnything(additional) ? additional : { tsType: 'unknown' };
    }
    if (undeclared.length > 0) schema.properties = properties;
  }
  if (schema.patternProperties !== undefined && schema.additionalProperties === undefined) schema.additionalProperties = true;
  if (!Array.isArray(schema.items)) delete schema.additionalItems; // it applies to tuples only
  if (schema.type === undefined && CONTAINER_KEYWORDS.some((keyword) => keyword in schema) && !Object.keys(schema).some((keyword) => TYPE_KEYWORDS.has(keyword) && !CONTAINER_KEYWORDS.includes(keyword))) {
    schema.type = ['object', 'array', 'string', 'number', 'boolean', 'null'];
  }
  if (Array.isArray(schema.items)) {
    if (allowsType(schema, 'array')) tupleLengths(schema);
    else delete schema.items;
  }
  if (acceptsAnything(schema)) schema.tsType = 'unknown';
  return schema;
}

/** Replaces a draft-06 tuple (`items: [..]`, `additionalItems`, `minItems`) by the union of its allowed shapes. */
function tupleLengths(schema: Record<string, unknown>): void {
  const prefix = schema.items as PreparedSchema[];
  const rest = schema.additionalItems ?? true;
  const min = typeof schema.minItems === 'number' ? Math.min(schema.minItems, prefix.length) : 0;
  const shapes: PreparedSchema[] = [];
  for (let length = min; length < prefix.length; length++) {
    shapes.push(length === 0 ? { tsType: '[]' } : { type: 'array', items: prefix.slice(0, length), additionalItems: false });
  }
  shapes.push({ type: 'array', items: prefix, additionalItems: rest === false ? false : acceptsAnything(rest as PreparedSchema) ? { tsType: 'unknown' } : rest });
  delete schema.items;
  delete schema.additionalItems;
  const otherTypes = Array.isArray(schema.type) ? schema.type.filter((type) => type !== 'array') : [];
  if (otherTypes.length > 0) shapes.push({ type: otherTypes });
  delete schema.type;
  if (schema.anyOf === undefined) schema.anyOf = shapes;
  else schema.allOf = [...((schema.allOf as PreparedSchema[] | undefined) ?? []), { anyOf: shapes }];
}
