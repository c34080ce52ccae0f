import { formatProblem, GenerateError, pointerJoin, type Problem } from '../errors.ts';
import { parseJson } from './json.ts';
import type { ReferenceSource } from './source.ts';
import { collectRefs, entrySchemaTarget, InvalidRefError, schemaBasePath, tryResolveSchemaRef, namesSchema, type SchemaTarget } from './schema-paths.ts';

/** One JSON document as read: its root-relative path, where it was read from, its text and value. */
export interface LoadedDocument {
  path: string;
  location: string;
  text: string;
  json: unknown;
}

/** Everything a run reads: the manifest, the references it lists, and every schema they reach. */
export interface LoadedInput {
  manifest: LoadedDocument;
  references: LoadedDocument[];
  /** Keyed by root-relative path without fragment. */
  schemas: Map<string, LoadedDocument>;
  /** The worker payload schemas found beside the references (see payloadSchemaPaths), root-relative paths, sorted; also in `schemas`. */
  payloadSchemas: string[];
}

export const MANIFEST_PATH = '/references/manifest.json';

export const REFERENCE_KINDS = {
  '/schemas/common/api-reference-v0.json#': 'api',
  '/schemas/common/exchanges-reference-v0.json#': 'exchanges',
  '/schemas/common/logs-reference-v0.json#': 'logs',
  '/schemas/common/metrics-reference-v0.json#': 'metrics',
} as const;

export type ReferenceKind = (typeof REFERENCE_KINDS)[keyof typeof REFERENCE_KINDS];

export function referenceKind(json: unknown): ReferenceKind | undefined {
  const schema = isObject(json) ? json.$schema : undefined;
  return typeof schema === 'string' ? REFERENCE_KINDS[schema as keyof typeof REFERENCE_KINDS] : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Who named a document: where (file and pointer), the text that named it, and what kind of thing it should be. */
interface Referrer {
  location: string;
  pointer: string;
  /** "\"v1/x.json#\" names a schema", "$ref \"x.json#\" names a schema", … */
  naming: string;
}

/** A document to read, its first referrer, and the others found with it. */
interface Wanted {
  path: string;
  referrer?: Referrer;
  also?: Referrer[];
}

/** The problem of a document that cannot be read, located at a place that names it (the place to fix). */
const unreadableAt = (referrer: Referrer, cause: string): Problem => ({ location: referrer.location, pointer: referrer.pointer, message: `${referrer.naming} that cannot be read (${cause})` });

async function readDocument(source: ReferenceSource, { path, referrer, also = [] }: Wanted): Promise<LoadedDocument> {
  const location = source.locate(path);
  let text: string;
  try {
    text = await source.readText(path);
  } catch (error) {
    // Reading failed: the place to fix is whoever named this document, so the problem is located
    // there, at every place that names it.
    if (!(error instanceof GenerateError) || referrer === undefined) throw error;
    const causes = error.problems.map(formatProblem);
    throw new GenerateError([referrer, ...also].flatMap((at) => causes.map((cause) => unreadableAt(at, cause))));
  }
  return { path, location, text, json: parseJson(text, location) };
}

/** Runs every read; the documents read, and each failed read's problems added to `problems`. */
async function readAll(source: ReferenceSource, wanted: Wanted[], problems: Problem[]): Promise<LoadedDocument[]> {
  const settled = await Promise.allSettled(wanted.map((w) => readDocument(source, w)));
  const documents: LoadedDocument[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') documents.push(result.value);
    else if (result.reason instanceof GenerateError) problems.push(...result.reason.problems);
    else throw result.reason;
  }
  return documents;
}

/**
 * One Wanted per path, in the order they were found: its first referrer, and with `keepAll` the
 * others in `also`. References' entries keep them all: each entry naming a schema that cannot be
 * read is a place to fix. `$ref`s do not: one missing document is often the target of dozens.
 */
function firstOfEach(wanted: Wanted[], keepAll = false): Wanted[] {
  const byPath = new Map<string, Wanted>();
  for (const w of wanted) {
    const first = byPath.get(w.path);
    if (first === undefined) byPath.set(w.path, { ...w });
    else if (keepAll && w.referrer !== undefined) first.also = [...(first.also ?? []), w.referrer];
  }
  return [...byPath.values()];
}

function manifestReferencePaths(manifest: LoadedDocument): Wanted[] {
  const list = isObject(manifest.json) ? manifest.json.references : undefined;
  if (!Array.isArray(list)) {
    const found = isObject(manifest.json) ? manifest.json.references : manifest.json;
    throw new GenerateError([{ location: manifest.location, pointer: '/references', message: `expected an array of reference URLs, found ${found === undefined ? 'nothing' : JSON.stringify(found)}` }]);
  }
  const problems: Problem[] = [];
  const wanted = list.flatMap((entry, index): Wanted[] => {
    const pointer = `/references/${index}`;
    const target = typeof entry === 'string' && entry !== '' ? tryResolveSchemaRef(entry, MANIFEST_PATH) : undefined;
    if (target !== undefined) return [{ path: target.path, referrer: { location: manifest.location, pointer, naming: `${JSON.stringify(entry)} names a reference` } }];
    problems.push({ location: manifest.location, pointer, message: `expected a reference URL, found ${JSON.stringify(entry)}` });
    return [];
  });
  if (problems.length > 0) throw new GenerateError(problems);
  return firstOfEach(wanted);
}

/** The schema documents an api or exchanges reference names directly (tolerant: validation reports bad shapes). */
function referenceSchemaPaths(reference: LoadedDocument, problems: Problem[]): Wanted[] {
  const json = reference.json;
  const kind = referenceKind(json);
  if (!isObject(json) || (kind !== 'api' && kind !== 'exchanges') || typeof json.serviceName !== 'string') return [];
  const entries = Array.isArray(json.entries) ? json.entries : [];
  const keys = kind === 'api' ? ['input', 'output'] : ['schema'];
  const serviceName = json.serviceName;
  return entries.flatMap((entry, index) =>
    keys.flatMap((key): Wanted[] => {
      const value = isObject(entry) ? entry[key] : undefined;
      if (!namesSchema(key, value)) return [];
      const pointer = pointerJoin('/entries', index, key);
      const target = tryEntrySchemaTarget(serviceName, value);
      if (target === undefined) {
        problems.push({ location: reference.location, pointer, message: `${JSON.stringify(value)} is not a valid schema URL` });
        return [];
      }
      return [{ path: target.path, referrer: { location: reference.location, pointer, naming: `${JSON.stringify(value)} names a schema` } }];
    }),
  );
}

function tryEntrySchemaTarget(serviceName: string, value: string): SchemaTarget | undefined {
  try {
    return entrySchemaTarget(serviceName, value);
  } catch (error) {
    if (error instanceof InvalidRefError) return undefined;
    throw error;
  }
}

/** The documents a schema's `$ref`s point into, other than itself. */
function schemaRefPaths(schema: LoadedDocument, problems: Problem[]): Wanted[] {
  const base = schemaBasePath(schema.path, schema.json);
  return collectRefs(schema.json)
    .filter(({ ref }) => !ref.startsWith('#') && isDeploymentRef(ref))
    .flatMap(({ ref, pointer }): Wanted[] => {
      const at = pointerJoin(pointer, '$ref');
      const target = tryResolveSchemaRef(ref, base);
      if (target === undefined) {
        problems.push({ location: schema.location, pointer: at, message: `$ref ${JSON.stringify(ref)} is not a valid URL reference` });
        return [];
      }
      return [{ path: target.path, referrer: { location: schema.location, pointer: at, naming: `$ref ${JSON.stringify(ref)} names a schema` } }];
    });
}

/** `$ref`s to other hosts' documents (the JSON Schema meta-schema) are not part of a deployment. */
export function isDeploymentRef(ref: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/** Reads the manifest, every reference it lists, and every schema those references reach. Throws a GenerateError with every problem. */
export async function loadInput(source: ReferenceSource): Promise<LoadedInput> {
  const { input, problems } = await loadInputCollecting(source);
  if (problems.length > 0) throw new GenerateError(problems);
  return input;
}

/**
 * As loadInput, but a document that cannot be read or parsed does not stop the others: the input
 * holds every document that could be read, `problems` every one that could not, so that a run can
 * report them together with what later stages find in the rest. Throws only when the manifest fails.
 */
export async function loadInputCollecting(source: ReferenceSource): Promise<{ input: LoadedInput; problems: Problem[] }> {
  const manifest = await readDocument(source, { path: MANIFEST_PATH });
  const problems: Problem[] = [];
  const references = await readAll(source, manifestReferencePaths(manifest), problems);
  const schemas = new Map<string, LoadedDocument>();
  const failed = new Set<string>();
  const unread = (wanted: Wanted[], keepAll = false): Wanted[] => firstOfEach(wanted, keepAll).filter((w) => !schemas.has(w.path) && !failed.has(w.path));
  const readReached = async (wanted: Wanted[], keepAll = false) => {
    let pending = unread(wanted, keepAll);
    while (pending.length > 0) {
      const loaded = await readAll(source, pending, problems);
      for (const document of loaded) schemas.set(document.path, document);
      for (const w of pending) if (!schemas.has(w.path)) failed.add(w.path);
      pending = unread(loaded.flatMap((schema) => schemaRefPaths(schema, problems)));
    }
  };
  await readReached(references.flatMap((reference) => referenceSchemaPaths(reference, problems)), true);
  const listed = (await source.listSchemas?.()) ?? [];
  const payloadSchemas = payloadSchemaPaths(listed, manifest, references, new Set(schemas.keys()));
  await readReached(
    payloadSchemas.map((path): Wanted => {
      const listedAt = source.listedAt?.(path);
      return { path, ...(listedAt && { referrer: { location: listedAt.location, pointer: listedAt.pointer, naming: `${JSON.stringify(listedAt.text)} names a schema` } }) };
    }),
  );
  return { input: { manifest, references, schemas, payloadSchemas: payloadSchemas.filter((path) => schemas.has(path)) }, problems };
}

/** "/schemas/generic-worker/x.json" → "generic-worker". */
const schemaFolder = (path: string): string | undefined => /^\/schemas\/([^/]+)\//.exec(path)?.[1];

/**
 * The worker payload schemas among `listed` (every schema document of the source): those in a
 * folder of /schemas/ that belongs to no service of the manifest (no api, exchanges, logs or
 * metrics reference is published under its name) and is not the folder of the reference formats'
 * own schemas (/schemas/common/, where REFERENCE_KINDS and the manifest's `$schema` point), and
 * that no reference reaches. Taskcluster publishes exactly the workers' payload schemas so
 * (generic-worker, docker-worker): components with a task payload and no API of their own.
 */
export function payloadSchemaPaths(listed: readonly string[], manifest: LoadedDocument, references: readonly LoadedDocument[], reached: ReadonlySet<string>): string[] {
  const owned = new Set<string>();
  for (const reference of references) {
    owned.add(reference.path.split('/')[2] ?? '');
    if (isObject(reference.json) && typeof reference.json.serviceName === 'string') owned.add(reference.json.serviceName);
  }
  const formats = [...Object.keys(REFERENCE_KINDS), isObject(manifest.json) && typeof manifest.json.$schema === 'string' ? manifest.json.$schema : ''];
  for (const format of formats) {
    const folder = schemaFolder(format);
    if (folder !== undefined) owned.add(folder);
  }
  return listed.filter((path) => {
    const folder = schemaFolder(path);
    return folder !== undefined && !owned.has(folder) && !reached.has(path) && path.endsWith('.json');
  });
}
