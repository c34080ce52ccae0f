// The soundness property test's machinery: every schema a reference reaches is bundled into one
// self-contained document (for ajv, the validator, and json-schema-faker, the sampler), instances
// are sampled and varied, ajv (with the draft-06 metaschema the references declare) keeps the
// valid ones and classifies the invalid ones, and one strict TypeScript program checks
// `const v: TheType = <instance>` for all of them against a generated package.
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate as sample } from 'json-schema-faker';
import ts from 'typescript';
import type { LoadedInput } from '../../generator/load/load.ts';
import { resolveSchemaRef, schemaBasePath } from '../../generator/load/schema-paths.ts';
import type { PackageModel } from '../../generator/model/model.ts';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS with `default` exports.
const Ajv = require('ajv').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
const DRAFT_06 = require('ajv/dist/refs/json-schema-draft-06.json') as { $id: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, meta: true });
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

/**
 * The sampler ignores a `pattern` beside a `format` (TaskMetadata.source: a URI that must also start
 * with https://, ssh:// or git@): each string ajv refuses for its pattern or format alone is sampled
 * again from that keyword, a few rounds.
 */
async function repaired(value: Json, pointer: string, validate: ReturnType<typeof validatorFor>, seed: number): Promise<Json> {
  for (let round = 0; round < 3; round++) {
    const errors = validate.errors(pointer, value);
    const fixable = errors.filter((e) => e.keyword === 'pattern' || e.keyword === 'format');
    if (errors.length === 0 || fixable.length === 0) return value;
    for (const error of fixable) {
      const tokens = error.instancePath.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
      const at: Array<string | number> = [];
      let node: Json = value;
      for (const token of tokens) {
        const key = Array.isArray(node) ? Number(token) : token;
        at.push(key);
        node = Array.isArray(node) ? node[key as number]! : (node as Record<string, Json>)[token]!;
      }
      const keyword = error.keyword === 'pattern' ? { pattern: (error.params as { pattern: string }).pattern } : { format: (error.params as { format: string }).format };
      const replacement = (await sample({ type: 'string', ...keyword } as never, { seed: seed + round })) as Json;
      value = replaced(value, at, () => replacement);
    }
  }
  return value;
}


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

/** Every place in a JSON value (as a path of keys), the value itself first. */
function places(value: Json, at: Array<string | number> = []): Array<{ at: Array<string | number>; value: Json }> {
  const found = [{ at, value }];
  if (Array.isArray(value)) value.forEach((child, i) => found.push(...places(child, [...at, i])));
  else if (isObject(value)) for (const [key, child] of Object.entries(value)) found.push(...places(child as Json, [...at, key]));
  return found;
}

/** A copy of `value` with the node at `at` replaced (`undefined` deletes an object property). */
function replaced(value: Json, at: Array<string | number>, make: (node: Json) => Json | undefined): Json {
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

/** Edge variants of a sampled instance: one property omitted, one node null, one extra property, one array empty. */
function edgeVariants(value: Json, choose: <T>(items: T[], count: number) => T[]): Json[] {
  const out: Json[] = [];
  for (const place of choose(places(value), PLACES_PER_INSTANCE)) {
    if (place.at.length > 0 && typeof place.at[place.at.length - 1] === 'string') out.push(replaced(value, place.at, () => undefined));
    if (place.value !== null) out.push(replaced(value, place.at, () => null));
    if (isObject(place.value)) out.push(replaced(value, place.at, (node) => ({ ...(node as object), extraProperty: 'x' })));
    if (Array.isArray(place.value) && place.value.length > 0) out.push(replaced(value, place.at, () => []));
  }
  return out;
}

/** The kinds of invalid instance the type should refuse: ajv's keyword for each. */
export const INVALID_KINDS = { required: 'missing required property', type: 'string set to a number', enum: 'enum value outside the list' } as const;
export type InvalidKind = keyof typeof INVALID_KINDS;

function invalidVariants(value: Json, choose: <T>(items: T[], count: number) => T[]): Array<{ kind: InvalidKind; value: Json }> {
  const out: Array<{ kind: InvalidKind; value: Json }> = [];
  for (const place of choose(places(value), 4 * PLACES_PER_INSTANCE)) {
    if (place.at.length > 0 && typeof place.at[place.at.length - 1] === 'string') out.push({ kind: 'required', value: replaced(value, place.at, () => undefined) });
    if (typeof place.value === 'string') {
      out.push({ kind: 'type', value: replaced(value, place.at, () => 12345) });
      out.push({ kind: 'enum', value: replaced(value, place.at, () => 'value-outside-any-enum') });
    }
  }
  return out;
}

/** One type to check: where its schema is, and how a TypeScript file names it. */
export interface TypeUnderTest {
  corpus: string;
  service: string;
  name: string;
  /** The bundle pointer of its schema. */
  pointer: string;
  /** The path of its schema document. */
  documentPath: string;
  /** The sampler bundle's pointer of its schema. */
  samplerPointer: string;
}

export interface Instance {
  type: TypeUnderTest;
  value: Json;
  /** undefined: valid (ajv accepts it); else the kind of invalid instance it is. */
  invalid?: InvalidKind;
}

/** Every named type of a model, each schema once (the first service that names it). */
export function typesOf(corpus: string, model: PackageModel, schemas: Bundle): TypeUnderTest[] {
  const seen = new Set<string>();
  const types: TypeUnderTest[] = [];
  for (const service of model.services) {
    for (const type of service.types) {
      if (seen.has(type.schema.key)) continue;
      seen.add(type.schema.key);
      const { path: documentPath, pointer } = type.schema.target;
      types.push({ corpus, service: service.serviceName, name: type.name, pointer: schemas.pointerOf(documentPath, pointer), documentPath, samplerPointer: schemas.samplerPointerOf(documentPath, pointer) });
    }
  }
  return types;
}

export interface SampleOptions {
  seed: number;
  /** json-schema-faker samples per type (plus one with every optional property, one with none). */
  samples: number;
  /** Valid instances kept per type, at most. */
  validPerType: number;
  /** Invalid instances kept per type and kind, at most. */
  invalidPerKind: number;
}

/**
 * Valid instances (sampled, then varied at the edges) and invalid ones of each type, as ajv
 * judges them. Invalid instances are kept only when ajv's errors are all of the one kind made.
 */
export async function instancesOf(types: TypeUnderTest[], schemas: Bundle, options: SampleOptions): Promise<Instance[]> {
  const validate = validatorFor(schemas);
  const next = random(options.seed);
  const pick = <T>(items: T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (pool.length > 0 && chosen.length < count) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return chosen;
  };
  const instances: Instance[] = [];
  for (const [index, type] of types.entries()) {
    if (process.env.SOUNDNESS_TRACE) console.error(Date.now() % 100000, type.name);
    const root = { ...schemas.samplerFrom(type.samplerPointer), $ref: `#${type.samplerPointer}` };
    const seed = options.seed + index * 101;
    const sampled: Json[] = [];
    const runs = [
      ...Array.from({ length: options.samples }, (_, i) => ({ seed: seed + i })),
      { seed, alwaysFakeOptionals: true },
      { seed, optionalsProbability: 0 },
    ];
    for (const run of runs) {
      try {
        const value = (await sample(root as never, { maxDepth: 5, refDepthMax: 12, maxDefaultItems: 2, maxItems: 2, minDateTime: '2020-01-01', maxDateTime: '2030-01-01', ...run })) as Json;
        sampled.push(await repaired(value, type.pointer, validate, run.seed));
      } catch {
        // the sampler gives up on some schemas (unsatisfiable branches); the edge instances still cover them
      }
    }
    const seen = new Set<string>();
    const valid: Json[] = [];
    const candidates = [...sampled, ...sampled.flatMap((value) => edgeVariants(value, pick))];
    for (const candidate of candidates) {
      const text = JSON.stringify(candidate);
      if (text === undefined || seen.has(text)) continue;
      seen.add(text);
      if (validate(type.pointer, candidate).length === 0) valid.push(candidate);
    }
    // the sampled ones first, then a seeded choice of the edge variants
    const keptSampled = valid.filter((v) => sampled.includes(v));
    const kept = [...keptSampled, ...pick(valid.filter((v) => !sampled.includes(v)), options.validPerType - keptSampled.length)];
    instances.push(...kept.map((value) => ({ type, value })));
    const invalid = new Map<InvalidKind, Json[]>();
    for (const source of kept) {
      for (const variant of invalidVariants(source, pick)) {
        const text = JSON.stringify(variant.value);
        if (seen.has(text)) continue;
        seen.add(text);
        const keywords = validate(type.pointer, variant.value);
        if (keywords.length === 1 && keywords[0] === variant.kind) invalid.set(variant.kind, [...(invalid.get(variant.kind) ?? []), variant.value]);
      }
    }
    for (const [kind, values] of invalid) instances.push(...pick(values, options.invalidPerKind).map((value) => ({ type, value, invalid: kind })));
  }
  return instances;
}

export interface CheckResult {
  /** Types with at least one instance. */
  types: number;
  valid: number;
  /** Valid instances that type-check. */
  sound: number;
  /** Valid instances the type refuses: the soundness failures, with TypeScript's message. */
  unsound: Array<{ instance: Instance; message: string }>;
  /** Per kind: invalid instances, and how many of them the type refuses. */
  invalid: Record<InvalidKind, { total: number; refused: number }>;
  /** Invalid instances the type accepts. */
  imprecise: Instance[];
}

/**
 * Type-checks every instance as `const v: TheType = <instance>;` in one strict program.
 * `packages` maps a corpus name to its generated package directory. The file is written into `dir`.
 */
export function typeCheck(instances: Instance[], packages: Record<string, string>, dir: string, typeRoots: string): Promise<{ corpora: Record<string, CheckResult> }> {
  return (async () => {
    const modules = new Map<string, string>();
    const lines: string[] = [];
    const lineOf = new Map<number, Instance>();
    for (const instance of instances) {
      const moduleKey = `${instance.type.corpus}/${instance.type.service}`;
      if (!modules.has(moduleKey)) modules.set(moduleKey, `m${modules.size}`);
    }
    for (const [moduleKey, alias] of modules) {
      const [corpus, service] = moduleKey.split('/') as [string, string];
      const file = path.relative(dir, path.join(packages[corpus]!, 'dist', 'services', `${service}.js`)).split(path.sep).join('/');
      lines.push(`import type * as ${alias} from '${file.startsWith('.') ? file : `./${file}`}';`);
    }
    instances.forEach((instance, i) => {
      const type = `${modules.get(`${instance.type.corpus}/${instance.type.service}`)}.${instance.type.name}`;
      if (instance.invalid) lines.push('// @ts-expect-error');
      lineOf.set(lines.length, instance);
      lines.push(`export const v${i}: ${type} = ${JSON.stringify(instance.value)};`);
    });
    const file = path.join(dir, 'instances.ts');
    await writeFile(file, lines.join('\n') + '\n');
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [typeRoots],
    });
    const source = program.getSourceFile(file)!;
    const messages = new Map<number, string>();
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      if (diagnostic.file !== source || diagnostic.start === undefined) throw new Error(`unexpected diagnostic: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
      const line = source.getLineAndCharacterOfPosition(diagnostic.start).line;
      // an unused @ts-expect-error is reported on the directive's line: the invalid instance below it type-checked
      const at = diagnostic.code === 2578 ? line + 1 : line;
      if (!messages.has(at)) messages.set(at, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    }
    for (const line of messages.keys()) if (!lineOf.has(line)) throw new Error(`diagnostic on line ${line + 1} of ${file}: ${messages.get(line)}`);
    const corpora: Record<string, CheckResult> = {};
    const types = new Map<string, Set<string>>();
    for (const [line, instance] of lineOf) {
      const result = (corpora[instance.type.corpus] ??= {
        types: 0, valid: 0, sound: 0, unsound: [], imprecise: [],
        invalid: { required: { total: 0, refused: 0 }, type: { total: 0, refused: 0 }, enum: { total: 0, refused: 0 } },
      });
      const seen = types.get(instance.type.corpus) ?? new Set();
      types.set(instance.type.corpus, seen);
      if (!seen.has(instance.type.pointer)) {
        seen.add(instance.type.pointer);
        result.types++;
      }
      const message = messages.get(line);
      if (instance.invalid === undefined) {
        result.valid++;
        if (message === undefined) result.sound++;
        else result.unsound.push({ instance, message });
      } else {
        result.invalid[instance.invalid].total++;
        if (message === undefined) result.invalid[instance.invalid].refused++;
        else result.imprecise.push(instance);
      }
    }
    return { corpora };
  })();
}
