import { GenerateError, type Problem } from '../errors.ts';
import { parseJson } from './json.ts';
import type { ReferenceSource } from './source.ts';
import { collectRefs, entrySchemaTarget, resolveSchemaRef, schemaBasePath } from './schema-paths.ts';

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

async function readDocument(source: ReferenceSource, path: string): Promise<LoadedDocument> {
  const location = source.locate(path);
  const text = await source.readText(path);
  return { path, location, text, json: parseJson(text, location) };
}

/** Runs every read, then throws one GenerateError with all the problems if any read failed. */
async function readAll(source: ReferenceSource, paths: string[]): Promise<LoadedDocument[]> {
  const settled = await Promise.allSettled(paths.map((p) => readDocument(source, p)));
  const problems: Problem[] = [];
  const documents: LoadedDocument[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') documents.push(result.value);
    else if (result.reason instanceof GenerateError) problems.push(...result.reason.problems);
    else throw result.reason;
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return documents;
}

function manifestReferencePaths(manifest: LoadedDocument): string[] {
  const list = isObject(manifest.json) ? manifest.json.references : undefined;
  if (!Array.isArray(list)) {
    throw new GenerateError([{ location: manifest.location, pointer: '/references', message: 'expected an array of reference URLs' }]);
  }
  const problems: Problem[] = [];
  const paths = list.flatMap((entry, index) => {
    if (typeof entry === 'string' && entry !== '') return [resolveSchemaRef(entry, MANIFEST_PATH).path];
    problems.push({ location: manifest.location, pointer: `/references/${index}`, message: `expected a reference URL, found ${JSON.stringify(entry)}` });
    return [];
  });
  if (problems.length > 0) throw new GenerateError(problems);
  return paths;
}

/** The schema documents an api or exchanges reference names directly (tolerant: validation reports bad shapes). */
function referenceSchemaPaths(reference: LoadedDocument): string[] {
  const json = reference.json;
  const kind = referenceKind(json);
  if (!isObject(json) || (kind !== 'api' && kind !== 'exchanges') || typeof json.serviceName !== 'string') return [];
  const entries = Array.isArray(json.entries) ? json.entries : [];
  const keys = kind === 'api' ? ['input', 'output'] : ['schema'];
  const serviceName = json.serviceName;
  return entries.flatMap((entry) =>
    keys.flatMap((key) => {
      const value = isObject(entry) ? entry[key] : undefined;
      return typeof value === 'string' ? [entrySchemaTarget(serviceName, value).path] : [];
    }),
  );
}

/** The documents a schema's `$ref`s point into, other than itself. */
function schemaRefPaths(schema: LoadedDocument): string[] {
  const base = schemaBasePath(schema.path, schema.json);
  return collectRefs(schema.json)
    .filter(({ ref }) => !ref.startsWith('#') && isDeploymentRef(ref))
    .map(({ ref }) => resolveSchemaRef(ref, base).path);
}

/** `$ref`s to other hosts' documents (the JSON Schema meta-schema) are not part of a deployment. */
export function isDeploymentRef(ref: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/** Reads the manifest, every reference it lists, and every schema those references reach. */
export async function loadInput(source: ReferenceSource): Promise<LoadedInput> {
  const manifest = await readDocument(source, MANIFEST_PATH);
  const references = await readAll(source, manifestReferencePaths(manifest));
  const schemas = new Map<string, LoadedDocument>();
  let pending = [...new Set(references.flatMap(referenceSchemaPaths))];
  while (pending.length > 0) {
    const loaded = await readAll(source, pending);
    for (const document of loaded) schemas.set(document.path, document);
    pending = [...new Set(loaded.flatMap(schemaRefPaths))].filter((p) => !schemas.has(p));
  }
  return { manifest, references, schemas };
}
