import type { LoadedDocument } from '../load/load.ts';
import { isDeploymentRef, isObject } from '../load/load.ts';
import { collectRefs, entrySchemaTarget, namesSchema, schemaBasePath, tryResolveSchemaRef } from '../load/schema-paths.ts';
import type { ServiceModel } from '../model/model.ts';

/** What `<package>/validation` needs of one service: each entry's schema URLs and the documents they reach. */
export interface ServiceSchemasView {
  entries: Record<string, { input?: string; output?: string }>;
  documents: Record<string, unknown>;
}

/** `$ref`s to the JSON Schema metaschema become what it admits (as in the types): the package never loads it. */
function withoutMetaschemaRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutMetaschemaRefs);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string' && /^https?:\/\/json-schema\.org\//.test(node.$ref)) return { type: ['object', 'boolean'] };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : withoutMetaschemaRefs(value)]));
}

/**
 * Each API entry's input and output schema as a root-relative URL with fragment, by entry name.
 * Undefined for a service without API entries that name schemas (it gets no schemas module).
 */
export function entrySchemaUrls(service: ServiceModel): ServiceSchemasView['entries'] | undefined {
  if (!service.api) return undefined;
  const entries: ServiceSchemasView['entries'] = {};
  for (const entry of service.api.entries) {
    const urls: { input?: string; output?: string } = {};
    for (const key of ['input', 'output'] as const) {
      const value = entry[key];
      if (!namesSchema(key, value)) continue;
      const target = entrySchemaTarget(service.serviceName, value);
      urls[key] = `${target.path}#${target.pointer}`;
    }
    if (urls.input !== undefined || urls.output !== undefined) entries[entry.name] = urls;
  }
  return Object.keys(entries).length === 0 ? undefined : entries;
}

/**
 * The schemas of a service's API entries for runtime validation: per entry, its input and
 * output as root-relative URLs with fragment (entrySchemaUrls), and every document they reach
 * through `$ref`s. Undefined for a service without API entries that name schemas.
 */
export function serviceSchemas(service: ServiceModel, schemas: ReadonlyMap<string, LoadedDocument>): ServiceSchemasView | undefined {
  const entries = entrySchemaUrls(service);
  if (entries === undefined) return undefined;
  const pending = Object.values(entries).flatMap((urls) => [urls.input, urls.output].flatMap((url) => (url === undefined ? [] : [url.split('#')[0]!])));
  const documents: Record<string, unknown> = {};
  for (let path = pending.shift(); path !== undefined; path = pending.shift()) {
    const document = schemas.get(path);
    if (document === undefined || Object.hasOwn(documents, path)) continue;
    documents[path] = withoutMetaschemaRefs(document.json);
    const base = schemaBasePath(document.path, document.json);
    for (const { ref } of collectRefs(document.json)) {
      const target = !ref.startsWith('#') && isDeploymentRef(ref) ? tryResolveSchemaRef(ref, base) : undefined;
      if (target !== undefined && !Object.hasOwn(documents, target.path)) pending.push(target.path);
    }
  }
  return { entries, documents: Object.fromEntries(Object.entries(documents).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
