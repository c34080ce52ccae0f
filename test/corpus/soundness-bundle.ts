// The soundness test's schemas: every schema a reference reaches bundled into one self-contained
// document (for ajv, the validator, and json-schema-faker, the sampler), and ajv over it.
import { createRequire } from 'node:module';
import type { LoadedInput } from '../../generator/load/load.ts';
import { resolveSchemaRef, schemaBasePath } from '../../generator/load/schema-paths.ts';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS with `default` exports.
const Ajv = require('ajv').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
const DRAFT_06 = require('ajv/dist/refs/json-schema-draft-06.json') as { $id: string };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose values are data: a `$ref` inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose values map names to schemas. */
const NAME_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/** One document per schema file, under `definitions/<key>`, every `$ref` rewritten to a pointer into the bundle. */
export interface Bundle {
  /** For ajv: the references' schemas as they are, refs rewritten. */
  validator: Record<string, unknown>;
  /** For json-schema-faker (a 2020-12 sampler): draft-06 tuples as prefixItems, the metaschema as any object. */
  sampler: Record<string, unknown>;
  /** The bundle pointer of a schema location. */
  pointerOf(documentPath: string, pointer: string): string;
  /** The sampler bundle's pointer of a schema location (deep pointers are hoisted). */
  samplerPointerOf(documentPath: string, pointer: string): string;
  /** A sampler bundle holding only the definitions reachable from one sampler pointer (the sampler walks all it is given). */
  samplerFrom(samplerPointer: string): Record<string, unknown>;
}

export function bundle(input: Pick<LoadedInput, 'schemas'>): Bundle {
  // Keys with no "/" or "~": json-schema-faker mis-resolves escaped pointer tokens.
  const keys = new Map([...input.schemas.keys()].map((documentPath, i) => [documentPath, `d${i}${documentPath.replace(/[^A-Za-z0-9]+/g, '-')}`]));
  const pointerOf = (documentPath: string, pointer: string) => `/definitions/${keys.get(documentPath) ?? `missing-${documentPath}`}${pointer}`;
  const rewrite = (node: unknown, base: string, forSampler: boolean, nameMap = false): unknown => {
    if (Array.isArray(node)) return node.map((child) => rewrite(child, base, forSampler));
    if (!isObject(node)) return node;
    if (nameMap) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v, base, forSampler)]));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (/^https?:\/\/json-schema\.org\//.test(value)) out.$ref = forSampler ? '#/definitions/anyObject' : value.replace(/^https:/, 'http:');
        else {
          const target = resolveSchemaRef(value, base);
          out.$ref = `#${forSampler ? hoisted(target.path, target.pointer) : pointerOf(target.path, target.pointer)}`;
        }
      } else if (key === '$id' || key === 'id' || key === '$schema') {
        if (typeof value !== 'string') out[key] = rewrite(value, base, forSampler);
      } else if (DATA_KEYWORDS.has(key)) out[key] = value;
      else out[key] = rewrite(value, base, forSampler, NAME_MAP_KEYWORDS.has(key));
    }
    if (forSampler && Array.isArray(out.items)) {
      out.prefixItems = out.items;
      if (out.additionalItems !== undefined) out.items = out.additionalItems;
      else delete out.items;
      delete out.additionalItems;
    }
    return out;
  };
  const make = (forSampler: boolean) => {
    const definitions: Record<string, unknown> = forSampler ? { anyObject: { type: 'object' } } : {};
    if (forSampler) samplerDefinitions = definitions;
    for (const [documentPath, document] of input.schemas) {
      definitions[keys.get(documentPath)!] = rewrite(document.json, schemaBasePath(documentPath, document.json), forSampler);
    }
    return { $id: 'https://bundle.invalid/schemas.json', definitions };
  };
  // json-schema-faker mis-resolves some deep pointers (".../properties/x" gave values of another
  // type): for the sampler, every schema a pointer names is hoisted to a definition of its own.
  let samplerDefinitions: Record<string, unknown> = {};
  function hoisted(documentPath: string, pointer: string): string {
    if (pointer === '') return pointerOf(documentPath, '');
    const key = `${keys.get(documentPath)}${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;
    if (!(key in samplerDefinitions)) {
      samplerDefinitions[key] = {};
      const document = input.schemas.get(documentPath)!;
      let node: unknown = document.json;
      for (const token of pointer.slice(1).split('/')) node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
      samplerDefinitions[key] = rewrite(node, schemaBasePath(documentPath, document.json), true);
    }
    return `/definitions/${key}`;
  }
  const sampler = make(true);
  const definitions = samplerDefinitions;
  const reachable = new Map<string, Record<string, unknown>>();
  const samplerFrom = (samplerPointer: string) => {
    const root = samplerPointer.split('/')[2]!;
    let found = reachable.get(root);
    if (found === undefined) {
      const reached = new Set(['anyObject', root]);
      for (const key of reached) {
        for (const match of JSON.stringify(definitions[key]).matchAll(/"\$ref":"#\/definitions\/([^/"]+)/g)) reached.add(match[1]!);
      }
      reachable.set(root, (found = { ...sampler, definitions: Object.fromEntries([...reached].map((key) => [key, definitions[key]])) }));
    }
    return found;
  };
  return { validator: make(false), sampler, pointerOf, samplerFrom, samplerPointerOf: hoisted };
}

/** A validator over one bundle: ajv, draft-06 metaschema, formats checked, unknown keywords ignored. */
export function validatorFor(schemas: Bundle) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, meta: true, verbose: true });
  addFormats(ajv);
  if (!ajv.getSchema(DRAFT_06.$id)) ajv.addMetaSchema(DRAFT_06);
  ajv.addSchema(schemas.validator);
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  const errors = (pointer: string, value: unknown) => {
    let check = cache.get(pointer);
    if (check === undefined) cache.set(pointer, (check = ajv.getSchema(`https://bundle.invalid/schemas.json#${pointer}`)!));
    return check(value) ? [] : (check.errors ?? []);
  };
  /** The ajv errors' keywords for `value` at a bundle pointer: [] when valid. */
  const keywords = (pointer: string, value: unknown): string[] => [...new Set(errors(pointer, value).map((e) => e.keyword))];
  return Object.assign(keywords, { errors });
}
