import { GenerateError } from '../errors.ts';

/**
 * Which files a deployment's references need, as root-relative paths
 * ("/schemas/queue/v1/task.json"): pure functions over parsed JSON, shared by
 * the mirror crawler and the generator's loader so both resolve `$ref`s alike.
 */

export const MANIFEST_PATH = '/references/manifest.json';

const API_REFERENCE_SCHEMA = '/schemas/common/api-reference-v0.json';
const EXCHANGES_REFERENCE_SCHEMA = '/schemas/common/exchanges-reference-v0.json';

// Only a placeholder for URL arithmetic; the reserved .invalid name can never be a real root.
const PLACEHOLDER_ROOT = 'http://root.invalid';

/**
 * Resolves `ref` against `base` (both may be relative, root-relative, or
 * absolute URLs under `rootUrl`) to the root-relative path of the file it
 * names, fragment dropped. Undefined when it points off this deployment
 * (e.g. "http://json-schema.org/draft-06/schema#").
 */
export function resolveRootRelative(ref: string, base: string, rootUrl?: string): string | undefined {
  const toPlaceholder = (value: string): string =>
    rootUrl !== undefined && value.startsWith(rootUrl + '/') ? value.slice(rootUrl.length) : value;
  let resolved: URL;
  try {
    resolved = new URL(toPlaceholder(ref), new URL(toPlaceholder(base), PLACEHOLDER_ROOT + '/'));
  } catch {
    return undefined;
  }
  if (resolved.origin !== PLACEHOLDER_ROOT) return undefined;
  return resolved.pathname + resolved.search;
}

/** The reference paths a manifest lists; throws a GenerateError when it lists them in an unexpected shape. */
export function manifestReferencePaths(manifest: unknown, location: string, rootUrl?: string): string[] {
  const references = (manifest as { references?: unknown } | null)?.references;
  if (!Array.isArray(references)) {
    throw new GenerateError([{ location, pointer: '/references', message: 'manifest has no "references" array' }]);
  }
  const problems = [];
  const paths: string[] = [];
  for (const [index, entry] of references.entries()) {
    const resolved = typeof entry === 'string' ? resolveRootRelative(entry, MANIFEST_PATH, rootUrl) : undefined;
    if (resolved === undefined) {
      problems.push({ location, pointer: `/references/${index}`, message: 'expected a URL on this deployment' });
    } else paths.push(resolved);
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return paths;
}

/**
 * The schema files an API reference's entries (`input`, `output`) or an
 * exchanges reference's entries (`schema`) name; relative names are relative
 * to "/schemas/<serviceName>/". Logs and metrics references name none.
 */
export function referenceSchemaPaths(reference: unknown, rootUrl?: string): string[] {
  const { $schema, serviceName, entries } = (reference ?? {}) as Record<string, unknown>;
  if (typeof $schema !== 'string' || typeof serviceName !== 'string' || !Array.isArray(entries)) return [];
  const kind = resolveRootRelative($schema, '/', rootUrl);
  const fields =
    kind === API_REFERENCE_SCHEMA ? ['input', 'output'] : kind === EXCHANGES_REFERENCE_SCHEMA ? ['schema'] : [];
  const base = `/schemas/${encodeURIComponent(serviceName)}/`;
  const names = entries.flatMap((entry) =>
    fields.map((field) => (entry as Record<string, unknown> | null)?.[field]).filter((v) => typeof v === 'string'),
  );
  return uniquePaths(names.map((name) => resolveRootRelative(name, base, rootUrl)));
}

/**
 * The other files a schema's `$ref`s point to on this deployment, resolved
 * against the schema's `$id` (root-relative in Taskcluster) or, without one,
 * the path it was read from. References within the schema itself are left out.
 */
export function schemaRefPaths(schema: unknown, schemaPath: string, rootUrl?: string): string[] {
  const id = (schema as { $id?: unknown } | null)?.$id;
  const base = typeof id === 'string' ? id : schemaPath;
  const self = resolveRootRelative(base, '/', rootUrl);
  const refs = collectRefs(schema);
  return uniquePaths(refs.map((ref) => resolveRootRelative(ref, base, rootUrl))).filter((path) => path !== self);
}

// Keywords whose values are instance data, not schemas: a "$ref" key inside them is not a reference.
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples']);
// Keywords whose values map arbitrary names (which may be "default" or "enum") to schemas.
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object') {
        for (const schema of Object.values(value)) collectRefs(schema, found);
      } else if (!DATA_KEYWORDS.has(key)) collectRefs(value, found);
    }
  }
  return found;
}

function uniquePaths(paths: Array<string | undefined>): string[] {
  return [...new Set(paths.filter((path): path is string => path !== undefined))].sort();
}
