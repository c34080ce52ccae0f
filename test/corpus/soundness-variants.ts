// Variants of sampled instances for the soundness test: edge variants that may still be valid
// (ajv decides), and invalid ones made for one reason each, which the types must refuse. An invalid
// variant is kept only when ajv refuses it for that reason alone and TypeScript can say that
// reason: the keyword ajv names, and the schema it names (for patternProperties and closed objects
// with patternProperties, whether the index signature TypeScript gets can refuse the value).
import { generate as sample } from 'json-schema-faker';
import { isObject, type Bundle, type Json } from './soundness-bundle.ts';

/** mulberry32: a small seeded PRNG, so the varied instances are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Place = { at: Array<string | number>; value: Json };

/** Every place in a JSON value (as a path of keys), the value itself first. */
export function places(value: Json, at: Array<string | number> = []): Place[] {
  const found: Place[] = [{ at, value }];
  if (Array.isArray(value)) value.forEach((child, i) => found.push(...places(child, [...at, i])));
  else if (isObject(value)) for (const [key, child] of Object.entries(value)) found.push(...places(child as Json, [...at, key]));
  return found;
}

/** A copy of `value` with the node at `at` replaced (`undefined` deletes an object property). */
export function replaced(value: Json, at: Array<string | number>, make: (node: Json) => Json | undefined): Json {
  if (at.length === 0) return make(value) as Json;
  const [head, ...rest] = at;
  if (Array.isArray(value)) return value.map((child, i) => (i === head ? replaced(child, rest, make) : child));
  const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
  if (rest.length === 0) {
    const next = make(copy[head as string]!);
    if (next === undefined) delete copy[head as string];
    else copy[head as string] = next;
  } else copy[head as string] = replaced(copy[head as string]!, rest, make);
  return copy;
}

/** Places of one instance varied, at most (a seeded choice): bounds the work on large instances. */
const PLACES_PER_INSTANCE = 24;
export type Choose = <T>(items: T[], count: number) => T[];

/** Edge variants of a sampled instance: one property omitted, one node null, one extra property, one array empty. */
export function edgeVariants(value: Json, choose: Choose): Json[] {
  const out: Json[] = [];
  for (const place of choose(places(value), PLACES_PER_INSTANCE)) {
    if (place.at.length > 0 && typeof place.at[place.at.length - 1] === 'string') out.push(replaced(value, place.at, () => undefined));
    if (place.value !== null) out.push(replaced(value, place.at, () => null));
    if (isObject(place.value)) out.push(replaced(value, place.at, (node) => ({ ...(node as object), extraProperty: 'x' })));
    if (Array.isArray(place.value) && place.value.length > 0) out.push(replaced(value, place.at, () => []));
  }
  return out;
}

/** The kinds of invalid instance the types must refuse. */
export const INVALID_KINDS = {
  required: 'missing required property',
  type: 'leaf of another JSON type',
  enum: 'enum value outside the list',
  additionalItems: 'item past a closed tuple',
  patternProperties: 'wrong-typed value under a patternProperties key',
  additionalProperties: 'property added to a closed object',
} as const;
export type InvalidKind = keyof typeof INVALID_KINDS;

export type JsonType = 'number' | 'string' | 'boolean' | 'null' | 'object' | 'array';
export const jsonType = (value: Json): JsonType => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : (typeof value as JsonType));

/** One value of each JSON type, for the leaf swaps (number ↔ string ↔ boolean ↔ null ↔ object ↔ array). */
const SWAPS: Record<JsonType, Json> = { number: 12345, string: 'swapped', boolean: true, null: null, object: { swapped: 1 }, array: ['swapped'] };

/** A leaf: a scalar, an empty object or an empty array. */
const isLeaf = (value: Json): boolean => (Array.isArray(value) ? value.length === 0 : isObject(value) ? Object.keys(value).length === 0 : true);

export interface InvalidVariant {
  kind: InvalidKind;
  /** The kind's bucket: keeps a share of each (a leaf's original JSON type, a depth). */
  bucket: string;
  value: Json;
  /** Where the change is. */
  at: Array<string | number>;
  /** The new value's JSON type, where one was put (leaf swaps). */
  put?: JsonType;
}

/**
 * Invalid variants: every leaf swapped to each other JSON type, every object given an extra
 * property (at every depth), every non-empty array given one more item, and a seeded choice of
 * places with a required property dropped or a string moved outside its enum.
 */
export function invalidVariants(value: Json, choose: Choose): InvalidVariant[] {
  const out: InvalidVariant[] = [];
  const all = places(value);
  for (const place of all) {
    if (isLeaf(place.value)) {
      const from = jsonType(place.value);
      for (const [to, swap] of Object.entries(SWAPS) as Array<[JsonType, Json]>) {
        if (to !== from) out.push({ kind: 'type', bucket: from, at: place.at, value: replaced(value, place.at, () => swap), put: to });
      }
    }
    if (isObject(place.value)) out.push({ kind: 'additionalProperties', bucket: String(place.at.length), at: place.at, value: replaced(value, place.at, (node) => ({ ...(node as object), extraProperty: 'x' })) });
    if (Array.isArray(place.value) && place.value.length > 0) {
      out.push({ kind: 'additionalItems', bucket: '', at: place.at, value: replaced(value, place.at, (node) => [...(node as Json[]), (node as Json[]).at(-1)!]) });
    }
  }
  for (const place of choose(all, 4 * PLACES_PER_INSTANCE)) {
    if (place.at.length > 0 && typeof place.at[place.at.length - 1] === 'string') out.push({ kind: 'required', bucket: '', at: place.at, value: replaced(value, place.at, () => undefined) });
    if (typeof place.value === 'string') out.push({ kind: 'enum', bucket: '', at: place.at, value: replaced(value, place.at, () => 'value-outside-any-enum') });
  }
  return out;
}

interface AjvError { keyword: string; parentSchema?: unknown }

/** A schema of the validator bundle by ajv's `schemaPath` (`#/definitions/…`, URI-encoded tokens). */
export function schemaAt(schemas: Bundle, pointer: string): unknown {
  let node: unknown = schemas.validator;
  for (const token of pointer.replace(/^#/, '').split('/').slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node;
}

const ALL_TYPES: JsonType[] = ['number', 'string', 'boolean', 'null', 'object', 'array'];

/** The JSON types a schema allows, as json-schema-to-typescript's type tells them apart (integer is number). */
function allowedTypes(schemas: Bundle, schema: unknown, depth = 0): Set<JsonType> {
  if (schema === false) return new Set();
  if (!isObject(schema) || depth > 20) return new Set(ALL_TYPES);
  if (typeof schema.$ref === 'string') return schema.$ref.startsWith('#/') ? allowedTypes(schemas, schemaAt(schemas, schema.$ref), depth + 1) : new Set(ALL_TYPES);
  if (Array.isArray(schema.enum)) return new Set((schema.enum as Json[]).map(jsonType));
  if ('const' in schema) return new Set([jsonType(schema.const as Json)]);
  if (schema.type !== undefined) {
    const names = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    return new Set(names.map((name) => (name === 'integer' ? 'number' : name) as JsonType));
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    if (Array.isArray(schema[keyword])) return new Set((schema[keyword] as unknown[]).flatMap((branch) => [...allowedTypes(schemas, branch, depth + 1)]));
  }
  return new Set(ALL_TYPES);
}

/**
 * Whether TypeScript can refuse this invalid variant for the one reason ajv gives, or `undefined`
 * when ajv's errors are not that reason alone. A value under a patternProperties key (or an
 * additionalProperties schema), and a property added beside patternProperties, meet the object's
 * index signature: the union of its declared, pattern and additional property types (TypeScript
 * matches no patterns). `pointer` is the bundle pointer of the instance's schema.
 */
export function classify(variant: InvalidVariant, errors: AjvError[], schemas: Bundle, pointer: string): InvalidKind | undefined {
  const keywords = new Set(errors.map((e) => e.keyword));
  if (keywords.size !== 1) return undefined;
  const [keyword] = keywords;
  if (variant.kind === 'type' && keyword === 'type') {
    const key = variant.at.at(-1);
    if (typeof key !== 'string') return 'type';
    const owners = schemasAt(schemas, pointer, variant.at.slice(0, -1)).filter((s) => s.patternProperties !== undefined || isObject(s.additionalProperties));
    if (owners.length === 0 || schemasAt(schemas, pointer, variant.at.slice(0, -1)).some((s) => isObject(s.properties) && Object.hasOwn(s.properties, key))) return 'type';
    if (owners.some((owner) => indexSignatureTypes(schemas, owner).has(variant.put!))) return undefined;
    return owners.some((owner) => Object.keys(owner.patternProperties ?? {}).some((pattern) => new RegExp(pattern, 'u').test(key))) ? 'patternProperties' : 'type';
  }
  if (variant.kind === 'additionalProperties' && keyword === 'additionalProperties') {
    const owner = errors[0]!.parentSchema; // ajv's `verbose` errors carry the schema that refused
    return isObject(owner) && owner.patternProperties !== undefined && indexSignatureTypes(schemas, owner).has('string') ? undefined : 'additionalProperties';
  }
  return keyword === variant.kind ? variant.kind : undefined;
}

/** Every schema that may apply at a place of an instance of the schema at `pointer`. */
function schemasAt(schemas: Bundle, pointer: string, at: Array<string | number>): Record<string, any>[] {
  let applied = applying(schemas, [schemaAt(schemas, `#${pointer}`)]);
  for (const key of at) {
    applied = applying(schemas, applied.flatMap((s) => (typeof key === 'number' ? (Array.isArray(s.items) ? [s.items[key] ?? s.additionalItems] : [s.items]) : propertySchemas(s, key))));
  }
  return applied;
}

/** The JSON types an object schema's index signature holds: declared, pattern and additional properties. */
function indexSignatureTypes(schemas: Bundle, owner: unknown): Set<JsonType> {
  if (!isObject(owner)) return new Set(ALL_TYPES);
  const additional = owner.additionalProperties;
  if (additional === undefined || additional === true) return new Set(ALL_TYPES);
  const members = [...Object.values(owner.properties ?? {}), ...Object.values(owner.patternProperties ?? {}), ...(additional === false ? [] : [additional])];
  return new Set(members.flatMap((member) => [...allowedTypes(schemas, member)]));
}

/** A schema with what its `$ref`, `allOf`, `anyOf` and `oneOf` reach: every schema that may apply to one value. */
function applying(schemas: Bundle, candidates: unknown[]): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const queue = [...candidates];
  while (queue.length > 0 && out.length < 200) {
    const schema = queue.shift();
    if (!isObject(schema) || out.includes(schema)) continue;
    out.push(schema);
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) queue.push(schemaAt(schemas, schema.$ref));
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[keyword])) queue.push(...(schema[keyword] as unknown[]));
  }
  return out;
}

/** The schemas that may apply to property `key` of an object `schema` validates. */
function propertySchemas(schema: Record<string, any>, key: string): unknown[] {
  const declared = isObject(schema.properties) && Object.hasOwn(schema.properties, key) ? [schema.properties[key]] : [];
  const patterns = Object.entries(isObject(schema.patternProperties) ? schema.patternProperties : {}).filter(([pattern]) => new RegExp(pattern, 'u').test(key)).map(([, child]) => child);
  return declared.length + patterns.length > 0 ? [...declared, ...patterns] : [schema.additionalProperties];
}

/**
 * The places (JSON pointers) of a value where the schema has a typed map: an object with
 * patternProperties or an additionalProperties schema. Its type has an index signature of typed
 * values, which TypeScript lets a type literal satisfy but not an interface (interfaces get no
 * implicit index signature), so the interface form describes such objects with a type literal.
 */
export function mapPlaces(schemas: Bundle, pointer: string, value: Json): Set<string> {
  const found = new Set<string>();
  const visit = (candidates: unknown[], node: Json, at: string, depth: number): void => {
    const applied = applying(schemas, candidates);
    if (depth > 30 || applied.length === 0) return;
    if (isObject(node)) {
      const typed = (s: Record<string, any>) => (isObject(s.additionalProperties) && Object.keys(s.additionalProperties).some((k) => k !== 'description')) || s.patternProperties !== undefined;
      if (applied.some(typed)) found.add(at);
      for (const [key, child] of Object.entries(node)) visit(applied.flatMap((s) => propertySchemas(s, key)), child as Json, `${at}/${key}`, depth + 1);
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => visit(applied.flatMap((s) => (Array.isArray(s.items) ? [s.items[i] ?? s.additionalItems] : [s.items])), child, `${at}/${i}`, depth + 1));
    }
  };
  visit([schemaAt(schemas, `#${pointer}`)], value, '', 0);
  return found;
}

/**
 * Variants with a key under each patternProperties pattern of the instance's objects (the sampler
 * makes none), holding a value of each JSON type: ajv keeps the valid ones as edge instances, and
 * sorts the invalid ones (a wrong-typed value under a patternProperties key).
 */
export async function patternVariants(value: Json, schemas: Bundle, pointer: string, seed: number): Promise<InvalidVariant[]> {
  const out: InvalidVariant[] = [];
  for (const place of places(value)) {
    if (!isObject(place.value)) continue;
    for (const owner of schemasAt(schemas, pointer, place.at)) {
      for (const pattern of Object.keys(isObject(owner.patternProperties) ? owner.patternProperties : {})) {
        const key = String(await sample({ type: 'string', pattern } as never, { seed }));
        for (const [to, swap] of Object.entries(SWAPS) as Array<[JsonType, Json]>) {
          out.push({ kind: 'type', bucket: 'pattern', at: [...place.at, key], value: replaced(value, place.at, (node) => ({ ...(node as object), [key]: swap })), put: to });
        }
      }
    }
  }
  return out;
}
