import { ProblemList, pointerJoin, preview } from '../errors.ts';
import { isObject, isDeploymentRef, type LoadedDocument } from '../load/load.ts';
import { resolveSchemaRef, schemaBasePath, type SchemaTarget } from '../load/schema-paths.ts';
import { keepValidValues } from './valid-values.ts';

/**
 * A schema node that becomes a named, exported type. Its key is
 * "<document path>#<pointer>", so one `$id` (or one pointer) is one type.
 */
export interface NamedSchema {
  key: string;
  target: SchemaTarget;
  document: LoadedDocument;
  /** The JSON schema handed to json-schema-to-typescript, with `{ $named: key }` where another named type goes. */
  body: PreparedSchema;
  /** The schema's own title, description and the whole document's title (for root naming). */
  title?: string;
  description?: string;
}

export type PreparedSchema = Record<string, unknown> | boolean;

/** Keywords whose values are schemas TypeScript cannot express: dropped, which only widens the type. */
const INLINE_SCHEMA_KEYWORDS = new Set(['not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const INLINE_SCHEMA_LIST_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf']);
/** Keywords dropped from prepared schemas: identity and naming hints json-schema-to-typescript would turn into names. */
const DROPPED_KEYWORDS = new Set(['$id', 'id', '$schema', 'title', 'definitions', '$defs', '$comment', 'tsType', 'tsEnumNames']);

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null', 'any']);
const isString = (value: unknown): boolean => typeof value === 'string';
const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isSchema = (value: unknown): boolean => isObject(value) || typeof value === 'boolean';

/**
 * The shapes of the keywords json-schema-to-typescript reads: a reference that breaks one is
 * reported at the keyword, instead of crashing the compiler or reaching the output.
 */
const KEYWORD_SHAPES = new Map<string, { test: (value: unknown) => boolean; expected: string }>(Object.entries({
  description: { test: isString, expected: 'a string' },
  type: { test: (v: unknown) => JSON_TYPES.has(v as string) || (Array.isArray(v) && v.every((t) => JSON_TYPES.has(t))), expected: 'a JSON type name or an array of them' },
  enum: { test: Array.isArray, expected: 'an array' },
  required: { test: (v: unknown) => typeof v === 'boolean' || (Array.isArray(v) && v.every(isString)), expected: 'an array of property names' },
  properties: { test: isObject, expected: 'an object of schemas' },
  items: { test: (v: unknown) => isSchema(v) || Array.isArray(v), expected: 'a schema or an array of schemas' },
  additionalProperties: { test: isSchema, expected: 'a schema (an object or boolean)' },
  additionalItems: { test: isSchema, expected: 'a schema (an object or boolean)' },
  patternProperties: { test: isObject, expected: 'an object of schemas' },
  oneOf: { test: Array.isArray, expected: 'an array of schemas' },
  anyOf: { test: Array.isArray, expected: 'an array of schemas' },
  allOf: { test: Array.isArray, expected: 'an array of schemas' },
  minItems: { test: isCount, expected: 'a non-negative integer' },
  maxItems: { test: isCount, expected: 'a non-negative integer' },
  format: { test: isString, expected: 'a string' },
  pattern: { test: isString, expected: 'a string' },
  deprecated: { test: (v: unknown) => typeof v === 'boolean', expected: 'true or false' },
}));

export const schemaKey = (target: SchemaTarget): string => `${target.path}#${target.pointer}`;

/** An object schema with properties earns a name where it is nested under a named node. */
function isNameable(node: unknown): boolean {
  if (!isObject(node) || !isObject(node.properties) || Object.keys(node.properties).length === 0) return false;
  return node.type === undefined || node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
}

/** A oneOf/anyOf branch with a title of its own becomes a named type (the Go client names it too). */
function isTitledBranch(node: unknown): boolean {
  return isObject(node) && typeof node.title === 'string' && node.title.trim() !== '' && node.$ref === undefined;
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Follows a JSON pointer; undefined when it leads nowhere. */
export function resolvePointer(json: unknown, pointer: string): unknown {
  if (pointer === '') return json;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = json;
  for (const token of pointer.slice(1).split('/').map(decodeToken)) {
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Collects the named schemas reachable from some roots, preparing each body as it goes.
 * All problems (missing documents, dangling pointers, external refs) are collected in `problems`.
 */
export class SchemaCollector {
  readonly named = new Map<string, NamedSchema>();
  private readonly queue: string[] = [];

  /**
   * `locked`: the keys recorded in the name lock. A nested schema or oneOf/anyOf branch at one of
   * them stays a named type (a recorded name is kept while its schema exists), even once it is
   * untitled or has no properties.
   */
  constructor(
    private readonly schemas: ReadonlyMap<string, LoadedDocument>,
    private readonly problems: ProblemList,
    private readonly locked: ReadonlySet<string> = new Set(),
  ) {}

  /** Adds a root (an entry's input/output, an exchange's message schema); returns its key, or undefined if it is missing. */
  addRoot(target: SchemaTarget, referrer: { location: string; pointer: string; value: string }): string | undefined {
    const document = this.schemas.get(target.path);
    if (document === undefined || resolvePointer(document.json, target.pointer) === undefined) {
      const what = document === undefined ? `no schema document at ${target.path}` : `no schema at pointer ${JSON.stringify(target.pointer)} of ${document.location}`;
      this.problems.add(referrer.location, referrer.pointer, `${JSON.stringify(referrer.value)} names a schema that does not exist (${what})`);
      return undefined;
    }
    return this.enqueue(target);
  }

  /** Prepares every queued schema, and the ones they reach. */
  drain(): void {
    for (let key = this.queue.shift(); key !== undefined; key = this.queue.shift()) {
      const item = this.named.get(key)!;
      item.body = this.prepare(item.document, item.target.pointer, resolvePointer(item.document.json, item.target.pointer), [key]);
    }
  }

  private enqueue(target: SchemaTarget): string {
    const key = schemaKey(target);
    if (!this.named.has(key)) {
      const document = this.schemas.get(target.path)!;
      const node = resolvePointer(document.json, target.pointer);
      this.named.set(key, {
        key,
        target,
        document,
        body: {},
        title: isObject(node) && typeof node.title === 'string' ? node.title : undefined,
        description: isObject(node) && typeof node.description === 'string' ? node.description : undefined,
      });
      this.queue.push(key);
    }
    return key;
  }

  /** Follows a `$ref`: a named target becomes a reference to its type; any other target is inlined. */
  private prepareRef(document: LoadedDocument, pointer: string, ref: string, inlineStack: string[]): PreparedSchema {
    if (!isDeploymentRef(ref)) {
      // The JSON Schema meta-schema (http://json-schema.org/…): any JSON schema is a JSON object or boolean.
      if (/^https?:\/\/json-schema\.org\//.test(ref)) return { tsType: '{ [key: string]: unknown } | boolean' };
      this.problems.add(document.location, pointerJoin(pointer, '$ref'), `$ref ${JSON.stringify(ref)} points outside the deployment; only root-relative and relative $refs are supported`);
      return {};
    }
    const target = resolveSchemaRef(ref, schemaBasePath(document.path, document.json));
    const targetDocument = this.schemas.get(target.path);
    const node = targetDocument && resolvePointer(targetDocument.json, target.pointer);
    if (targetDocument === undefined || node === undefined) {
      const why = targetDocument === undefined ? `no schema document at ${target.path}` : `no schema at pointer ${JSON.stringify(target.pointer)} in ${targetDocument.location}`;
      this.problems.add(document.location, pointerJoin(pointer, '$ref'), `$ref ${JSON.stringify(ref)} cannot be resolved: ${why}`);
      return {};
    }
    const key = schemaKey(target);
    // Whole documents, object schemas and self-referencing schemas get names; the rest are inlined.
    if (target.pointer === '' || isNameable(node) || inlineStack.includes(key) || this.named.has(key)) {
      return { $named: this.enqueue(target) };
    }
    return this.prepare(targetDocument, target.pointer, node, [...inlineStack, key]);
  }

  /** A copy of one schema node ready for json-schema-to-typescript. */
  private prepare(document: LoadedDocument, pointer: string, node: unknown, inlineStack: string[], nameChildren = true): PreparedSchema {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) {
      this.problems.add(document.location, pointer, `expected a schema (an object or boolean), found ${preview(node)}`);
      return {};
    }
    if (node.$ref !== undefined && typeof node.$ref !== 'string') {
      this.problems.add(document.location, pointerJoin(pointer, '$ref'), `expected a $ref URL string, found ${preview(node.$ref)}`);
      return {};
    }
    if (typeof node.$ref === 'string') {
      const prepared = this.prepareRef(document, pointer, node.$ref, inlineStack);
      return typeof node.description === 'string' && isObject(prepared) ? { ...prepared, description: node.description } : prepared;
    }
    const out: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (DROPPED_KEYWORDS.has(keyword)) continue;
      const at = pointerJoin(pointer, keyword);
      const shape = KEYWORD_SHAPES.get(keyword);
      if (shape !== undefined && !shape.test(value)) {
        this.problems.add(document.location, at, `expected ${shape.expected}, found ${preview(value)}`);
        continue;
      }
      if (keyword === 'properties' && isObject(value)) {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [name, this.child(document, pointerJoin(at, name), child, inlineStack, nameChildren)]),
        );
      } else if ((keyword === 'items' || keyword === 'additionalProperties') && (isObject(value) || typeof value === 'boolean')) {
        out[keyword] = this.child(document, at, value, inlineStack, nameChildren);
      } else if (keyword === 'items' && Array.isArray(value)) {
        out.items = value.map((child, index) => this.prepare(document, pointerJoin(at, index), child, inlineStack, false));
      } else if (keyword === 'additionalItems') {
        out.additionalItems = this.prepare(document, at, value, inlineStack, false);
      } else if (keyword === 'patternProperties' && isObject(value)) {
        out.patternProperties = Object.fromEntries(
          Object.entries(value).map(([pattern, child]) => [pattern, this.prepare(document, pointerJoin(at, pattern), child, inlineStack, false)]),
        );
      } else if (INLINE_SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
        out[keyword] = value.map((child, index) =>
          keyword !== 'allOf' && this.isNamedBranch(document, pointerJoin(at, index), child) ? this.namedChild(document, pointerJoin(at, index), child) : this.prepare(document, pointerJoin(at, index), child, inlineStack, false),
        );
      } else if (INLINE_SCHEMA_KEYWORDS.has(keyword) || keyword === 'dependencies') {
        continue; // TypeScript cannot say it: dropping it only widens the type
      } else {
        out[keyword] = value;
      }
    }
    return keepValidValues(out);
  }

  /** A schema (not a $ref) at a location the name lock records. */
  private isLocked(document: LoadedDocument, pointer: string, node: unknown): boolean {
    return isObject(node) && node.$ref === undefined && this.locked.has(schemaKey({ path: document.path, pointer }));
  }

  /** A titled branch, or one the name lock records. */
  private isNamedBranch(document: LoadedDocument, pointer: string, node: unknown): boolean {
    return isTitledBranch(node) || this.isLocked(document, pointer, node);
  }

  private child(document: LoadedDocument, pointer: string, node: unknown, inlineStack: string[], nameChildren: boolean): PreparedSchema {
    // A recorded name is kept while its schema exists, even once it no longer has properties.
    if (nameChildren && (isNameable(node) || this.isLocked(document, pointer, node))) return this.namedChild(document, pointer, node);
    return this.prepare(document, pointer, node, inlineStack, nameChildren);
  }

  private namedChild(document: LoadedDocument, pointer: string, node: unknown): PreparedSchema {
    const named: Record<string, unknown> = { $named: this.enqueue({ path: document.path, pointer }) };
    if (isObject(node) && typeof node.description === 'string') named.description = node.description;
    return named;
  }
}
