// The soundness property test's machinery: every schema a reference reaches is bundled
// (soundness-bundle.ts), instances are sampled and varied (soundness-variants.ts), ajv (with the
// draft-06 metaschema the references declare) keeps the valid ones and classifies the invalid
// ones, and one program under the strict family checks them all (soundness-check.ts).
import { generate as sample } from 'json-schema-faker';
import type { PackageModel } from '../../generator/model/model.ts';
import { validatorFor, type Bundle, type Json } from './soundness-bundle.ts';
import { classify, edgeVariants, invalidVariants, mapPlaces, patternVariants, random, replaced, type InvalidKind } from './soundness-variants.ts';

export { bundle } from './soundness-bundle.ts';
export { INVALID_KINDS, type InvalidKind } from './soundness-variants.ts';
export { FORMS, typeCheck, type CheckResult, type Form } from './soundness-check.ts';

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
  /** Valid instances: where the schema has typed maps (the interface form describes them with type literals). */
  mapPlaces?: Set<string>;
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
  const chooser = (next: () => number) => <T>(items: T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (pool.length > 0 && chosen.length < count) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return chosen;
  };
  const pick = chooser(random(options.seed));
  // the invalid variants draw from a PRNG of their own, so that adding kinds changes no valid instance
  const pickInvalid = chooser(random(options.seed + 1));
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
    const withPatterns = (await Promise.all(sampled.map((value) => patternVariants(value, schemas, type.pointer, seed)))).flat().map((variant) => variant.value);
    const candidates = [...sampled, ...sampled.flatMap((value) => edgeVariants(value, pick)), ...withPatterns];
    for (const candidate of candidates) {
      const text = JSON.stringify(candidate);
      if (text === undefined || seen.has(text)) continue;
      seen.add(text);
      if (validate(type.pointer, candidate).length === 0) valid.push(candidate);
    }
    // the sampled ones first, then a seeded choice of the edge variants
    const keptSampled = valid.filter((v) => sampled.includes(v));
    const kept = [...keptSampled, ...pick(valid.filter((v) => !sampled.includes(v)), options.validPerType - keptSampled.length)];
    instances.push(...kept.map((value) => ({ type, value, mapPlaces: mapPlaces(schemas, type.pointer, value) })));
    // invalid: each kept for its one reason, a seeded share per kind and bucket (a leaf's JSON type, a depth)
    const invalid = new Map<string, { kind: InvalidKind; values: Json[] }>();
    for (const source of kept) {
      for (const variant of [...invalidVariants(source, pickInvalid), ...(await patternVariants(source, schemas, type.pointer, seed))]) {
        const text = JSON.stringify(variant.value);
        if (seen.has(text)) continue;
        seen.add(text);
        const kind = classify(variant, validate.errors(type.pointer, variant.value), schemas, type.pointer);
        if (kind === undefined) continue;
        const key = `${kind}/${variant.bucket}`;
        if (!invalid.has(key)) invalid.set(key, { kind, values: [] });
        invalid.get(key)!.values.push(variant.value);
      }
    }
    for (const { kind, values } of invalid.values()) instances.push(...pickInvalid(values, options.invalidPerKind).map((value) => ({ type, value, invalid: kind })));
  }
  return instances;
}
