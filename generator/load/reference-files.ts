import { GenerateError, type Problem } from '../errors.ts';
import { isObject, MANIFEST_PATH, referenceKind } from './load.ts';
import { collectRefs, entrySchemaTarget, namesSchema, resolveSchemaRef, schemaBasePath } from './schema-paths.ts';

/**
 * Which files a deployment's references need, as root-relative paths
 * ("/schemas/queue/v1/task.json"): pure functions over parsed JSON, built on
 * schema-paths.ts so the mirror crawler resolves `$ref`s exactly as the loader does.
 * With `rootUrl` given, absolute URLs under it count as on the deployment too.
 */

export { MANIFEST_PATH };

/**
 * The root-relative path of the file `ref` names, resolved against the
 * root-relative `base`; undefined when it points off the deployment
 * (e.g. "http://json-schema.org/draft-06/schema#").
 */
export function resolveRootRelative(ref: string, base: string, rootUrl?: string): string | undefined {
  const onRoot = stripRootUrl(ref, rootUrl);
  if (/^[a-z][a-z0-9+.-]*:/i.test(onRoot)) return undefined; // another host's document
  try {
    return resolveSchemaRef(onRoot, stripRootUrl(base, rootUrl)).path;
  } catch {
    return undefined; // not a URL at all; the loader's validation reports it
  }
}

/** "https://tc.example.com/schemas/x.json" → "/schemas/x.json" when the root URL is "https://tc.example.com". */
function stripRootUrl(value: string, rootUrl: string | undefined): string {
  return rootUrl !== undefined && value.startsWith(rootUrl + '/') ? value.slice(rootUrl.length) : value;
}

/** The reference paths a manifest lists; throws a GenerateError when it lists them in an unexpected shape. */
export function manifestReferencePaths(manifest: unknown, location: string, rootUrl?: string): string[] {
  const references = isObject(manifest) ? manifest.references : undefined;
  if (!Array.isArray(references)) {
    throw new GenerateError([{ location, pointer: '/references', message: 'manifest has no "references" array' }]);
  }
  const problems: Problem[] = [];
  const paths = references.flatMap((entry, index) => {
    const path = typeof entry === 'string' ? resolveRootRelative(entry, MANIFEST_PATH, rootUrl) : undefined;
    if (path !== undefined) return [path];
    problems.push({ location, pointer: `/references/${index}`, message: 'expected a URL on this deployment' });
    return [];
  });
  if (problems.length > 0) throw new GenerateError(problems);
  return paths;
}

/**
 * The schema files an API reference's entries (`input`, `output`) or an
 * exchanges reference's entries (`schema`) name, relative to
 * "/schemas/<serviceName>/". Logs and metrics references name none.
 */
export function referenceSchemaPaths(reference: unknown, rootUrl?: string): string[] {
  const kind = referenceKind(reference);
  if (!isObject(reference) || typeof reference.serviceName !== 'string' || !Array.isArray(reference.entries)) return [];
  const fields = kind === 'api' ? ['input', 'output'] : kind === 'exchanges' ? ['schema'] : [];
  const serviceFolder = entrySchemaTarget(reference.serviceName, '').path;
  const names = reference.entries.flatMap((entry) =>
    fields.map((field) => [field, isObject(entry) ? entry[field] : undefined] as const).flatMap(([field, v]) => (namesSchema(field, v) ? [v] : [])),
  );
  return uniquePaths(names.map((name) => resolveRootRelative(name, serviceFolder, rootUrl)));
}

/**
 * The other files a schema's `$ref`s point to on this deployment, resolved
 * against the schema's `$id` (root-relative in Taskcluster) or, without one,
 * the path it was read from. References within the schema itself are left out.
 */
export function schemaRefPaths(schema: unknown, schemaPath: string, rootUrl?: string): string[] {
  const id = isObject(schema) ? schema.$id : undefined;
  const onRootId = typeof id === 'string' ? resolveRootRelative(id, schemaPath, rootUrl) : undefined;
  const base = onRootId ?? schemaBasePath(schemaPath, schema);
  const refs = collectRefs(schema).map(({ ref }) => resolveRootRelative(ref, base, rootUrl));
  return uniquePaths(refs).filter((path) => path !== base);
}

function uniquePaths(paths: Array<string | undefined>): string[] {
  return [...new Set(paths.filter((path): path is string => path !== undefined))].sort();
}
