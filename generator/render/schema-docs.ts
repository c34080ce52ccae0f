// What a schema says that a TypeScript type cannot (pattern, lengths, bounds, item counts, format,
// default, unique items) and where it is written, added to the description of each named type
// and each property before json-schema-to-typescript turns descriptions into TSDoc, as the
// official Go client's generator documents its fields ("Syntax:", "Min length:", "See <url>").
import { isObject, type LoadedDocument } from '../load/load.ts';
import { schemaBasePath, tryResolveSchemaRef } from '../load/schema-paths.ts';
import type { PreparedSchema } from '../model/schemas.ts';
import { resolvePointer } from '../model/schemas.ts';
import type { TypeModel } from '../model/model.ts';

export interface SchemaDocsContext {
  /** The deployment root URL the reference was downloaded from: links are absolute. Without it, root-relative (the schemas' `$id`). */
  rootUrl?: string | undefined;
  /** Every loaded schema document by root-relative path, to follow `$ref`s into other documents. */
  schemas?: ReadonlyMap<string, LoadedDocument>;
}

/** A place in a schema document: the document and a JSON pointer into it. */
interface Site {
  document: LoadedDocument;
  pointer: string;
  node: unknown;
}

/** `<root URL or nothing><schema path>#<pointer>`, the pointer's tokens percent-encoded as a URI fragment (RFC 6901 §6). */
export function schemaUrl(site: { document: LoadedDocument; pointer: string }, rootUrl: string | undefined): string {
  const fragment = site.pointer
    .split('/')
    .map((token) => encodeURIComponent(token).replace(/%24/g, '$'))
    .join('/');
  return `${rootUrl?.replace(/\/+$/, '') ?? ''}${schemaBasePath(site.document.path, site.document.json)}#${fragment}`;
}

/** Inline code whose fence is longer than any run of backticks in `text` (CommonMark). */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One line per constraint of `schema` that the TypeScript type does not carry. */
export function constraintLines(schema: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const number = (keyword: string, label: string) => {
    if (typeof schema[keyword] === 'number') lines.push(`${label}: ${schema[keyword]}`);
  };
  if (typeof schema.pattern === 'string') lines.push(`Syntax: ${code(schema.pattern)}`);
  number('minLength', 'Min length');
  number('maxLength', 'Max length');
  number('minimum', schema.exclusiveMinimum === true ? 'Minimum (exclusive)' : 'Minimum');
  number('exclusiveMinimum', 'Minimum (exclusive)');
  number('maximum', schema.exclusiveMaximum === true ? 'Maximum (exclusive)' : 'Maximum');
  number('exclusiveMaximum', 'Maximum (exclusive)');
  number('multipleOf', 'Multiple of');
  number('minItems', 'Min items');
  number('maxItems', 'Max items');
  if (schema.uniqueItems === true) lines.push('Unique items: no two items are equal');
  number('minProperties', 'Min properties');
  number('maxProperties', 'Max properties');
  if (typeof schema.format === 'string') lines.push(`Format: ${code(schema.format)}`);
  if (schema.default !== undefined) lines.push(`Default: ${code(JSON.stringify(schema.default))}`);
  return lines;
}

/** The description json-schema-to-typescript gets: the schema's own, its constraints, then `@see` its URL. */
function describe(schema: Record<string, unknown>, site: Site, context: SchemaDocsContext, items: string): string {
  const own = typeof schema.description === 'string' ? schema.description.trim() : '';
  // Constraints of a named type are documented on that type, not again on each property using it.
  const constraints = typeof schema.tsType === 'string' ? [] : constraintLines(schema);
  const parts = [own, items, constraints.map((line) => `- ${line}`).join('\n'), `@see ${schemaUrl(site, context.rootUrl)}`];
  return parts.filter((part) => part !== '').join('\n\n');
}

/** Where a `$ref` at `site` leads, when that document was loaded; else undefined. */
function follow(site: Site, context: SchemaDocsContext): Site | undefined {
  if (!isObject(site.node) || typeof site.node.$ref !== 'string') return site;
  const target = tryResolveSchemaRef(site.node.$ref, schemaBasePath(site.document.path, site.document.json));
  if (target === undefined) return undefined;
  const document = target.path === site.document.path ? site.document : context.schemas?.get(target.path);
  if (document === undefined) return undefined;
  return follow({ document, pointer: target.pointer, node: resolvePointer(document.json, target.pointer) }, context);
}

function child(site: Site | undefined, ...tokens: Array<string | number>): Site | undefined {
  if (site === undefined) return undefined;
  let { node, pointer } = site;
  for (const token of tokens) {
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
    pointer += '/' + String(token).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return { document: site.document, pointer, node };
}

/**
 * A copy of `prepared` (the schema at `written`) whose own description and each property's carry
 * their constraints and `@see` link; nested schemas are followed (through `$ref`s) only to reach
 * properties, whose sites are where they are written.
 */
function annotate(prepared: PreparedSchema, written: Site | undefined, documentThis: boolean, context: SchemaDocsContext): PreparedSchema {
  if (!isObject(prepared)) return prepared;
  const source = written && follow(written, context);
  const out: Record<string, unknown> = { ...prepared };
  if (isObject(prepared.properties)) {
    out.properties = Object.fromEntries(Object.entries(prepared.properties).map(([name, schema]) => [name, annotate(schema as PreparedSchema, child(source, 'properties', name), true, context)]));
  }
  if (isObject(prepared.items) || typeof prepared.items === 'boolean') out.items = annotate(prepared.items, child(source, 'items'), false, context);
  for (const keyword of ['items', 'oneOf', 'anyOf', 'allOf']) {
    const list = prepared[keyword];
    if (Array.isArray(list)) out[keyword] = list.map((schema, index) => annotate(schema as PreparedSchema, child(source, keyword, index), false, context));
  }
  if (isObject(prepared.additionalProperties)) out.additionalProperties = annotate(prepared.additionalProperties, child(source, 'additionalProperties'), false, context);
  if (documentThis && written !== undefined) {
    // json-schema-to-typescript appends an inline item schema's description ("Items: …") after ours,
    // where it would read as part of the @see tag: it goes before the tag instead.
    let items = '';
    if (isObject(out.items) && typeof out.items.description === 'string' && out.items.description.trim() !== '') {
      items = `Items: ${out.items.description.trim()}`;
      const { description: _moved, ...rest } = out.items;
      out.items = rest;
    }
    out.description = describe(prepared, written, context, items);
  }
  return out;
}

/** The body of a named type with schema-derived documentation on the type and on every property. */
export function documentedBody(type: TypeModel, context: SchemaDocsContext = {}): PreparedSchema {
  const { document, target } = type.schema;
  return annotate(type.body, { document, pointer: target.pointer, node: resolvePointer(document.json, target.pointer) }, true, context);
}
