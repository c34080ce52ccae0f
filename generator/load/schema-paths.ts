/**
 * Where a reference's schemas live. Entry `input`/`output` and exchange `schema`
 * values ("v1/x.json#") are relative to /schemas/<serviceName>/; a schema's
 * `$ref`s are relative to its `$id` (root-relative) or, without one, its own path.
 */

const ORIGIN = 'http://deployment.invalid';

export interface SchemaTarget {
  /** Root-relative path of the schema document, without fragment. */
  path: string;
  /** JSON pointer inside that document ("" for the whole document). */
  pointer: string;
}

/**
 * Resolves `ref` against a root-relative base path; absolute URLs keep only their path.
 * Throws an InvalidRefError when `ref` is not a URL reference at all (see tryResolveSchemaRef).
 */
export function resolveSchemaRef(ref: string, basePath: string): SchemaTarget {
  let url: URL;
  try {
    url = new URL(ref, ORIGIN + basePath);
  } catch {
    throw new InvalidRefError(ref);
  }
  return { path: safeDecode(decodeURI, url.pathname), pointer: safeDecode(decodeURIComponent, url.hash.replace(/^#/, '')) };
}

/** resolveSchemaRef, or undefined when `ref` cannot be parsed as a URL reference. */
export function tryResolveSchemaRef(ref: string, basePath: string): SchemaTarget | undefined {
  try {
    return resolveSchemaRef(ref, basePath);
  } catch (error) {
    if (error instanceof InvalidRefError) return undefined;
    throw error;
  }
}

export class InvalidRefError extends Error {
  constructor(readonly ref: string) {
    super(`${JSON.stringify(ref)} is not a valid URL reference`);
  }
}

/** A malformed %-escape is kept as it is written, so that the lookup fails with a message instead of a URIError. */
function safeDecode(decode: (text: string) => string, text: string): string {
  try {
    return decode(text);
  } catch {
    return text;
  }
}

/**
 * The API reference metaschema allows `output: "blob"` for a response that is not JSON:
 * it names no schema.
 */
export const BLOB_OUTPUT = 'blob';

/** Whether an entry's `input`/`output`/`schema` value names a schema document. */
export function namesSchema(field: string, value: unknown): value is string {
  return typeof value === 'string' && !(field === 'output' && value === BLOB_OUTPUT);
}

/** The schema a reference entry names ("v1/x.json#"), relative to the service's schema folder. */
export function entrySchemaTarget(serviceName: string, value: string): SchemaTarget {
  return resolveSchemaRef(value, `/schemas/${serviceName}/`);
}

/** The base a schema document's relative `$ref`s resolve against. */
export function schemaBasePath(documentPath: string, json: unknown): string {
  const id = json !== null && typeof json === 'object' ? (json as { $id?: unknown }).$id : undefined;
  return (typeof id === 'string' && id !== '' ? tryResolveSchemaRef(id, documentPath)?.path : undefined) ?? documentPath;
}

/** Keywords whose values are data, not schemas: a `$ref` inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose values map names to schemas. */
const NAME_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/** Every `$ref` string in a JSON document, with the JSON pointer of the object holding it. */
export function collectRefs(json: unknown, pointer = ''): Array<{ ref: string; pointer: string }> {
  const found: Array<{ ref: string; pointer: string }> = [];
  // `nameMap`: the object maps names to schemas (properties, definitions, …), so "enum" or "$ref" there is a name, not a keyword.
  const walk = (node: unknown, at: string, nameMap = false): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, `${at}/${index}`));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childAt = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (nameMap) walk(child, childAt);
        else if (key === '$ref' && typeof child === 'string') found.push({ ref: child, pointer: at });
        else if (!DATA_KEYWORDS.has(key)) walk(child, childAt, NAME_MAP_KEYWORDS.has(key));
      }
    }
  };
  walk(json, pointer);
  return found;
}
