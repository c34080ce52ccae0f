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

/** Resolves `ref` against a root-relative base path; absolute URLs keep only their path. */
export function resolveSchemaRef(ref: string, basePath: string): SchemaTarget {
  const url = new URL(ref, ORIGIN + basePath);
  return { path: decodeURI(url.pathname), pointer: decodeURIComponent(url.hash.replace(/^#/, '')) };
}

/** The schema a reference entry names ("v1/x.json#"), relative to the service's schema folder. */
export function entrySchemaTarget(serviceName: string, value: string): SchemaTarget {
  return resolveSchemaRef(value, `/schemas/${serviceName}/`);
}

/** The base a schema document's relative `$ref`s resolve against. */
export function schemaBasePath(documentPath: string, json: unknown): string {
  const id = json !== null && typeof json === 'object' ? (json as { $id?: unknown }).$id : undefined;
  return typeof id === 'string' && id !== '' ? resolveSchemaRef(id, documentPath).path : documentPath;
}

/** Every `$ref` string in a JSON document, with the JSON pointer of the object holding it. */
export function collectRefs(json: unknown, pointer = ''): Array<{ ref: string; pointer: string }> {
  const found: Array<{ ref: string; pointer: string }> = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, `${at}/${index}`));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string') found.push({ ref: child, pointer: at });
        else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') {
          walk(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        }
      }
    }
  };
  walk(json, pointer);
  return found;
}
