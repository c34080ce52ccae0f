import { GenerateError, ProblemList, pointerJoin, preview, type Problem } from '../errors.ts';
import { isObject, REFERENCE_KINDS, referenceKind, type LoadedDocument, type LoadedInput } from '../load/load.ts';

/** A scope expression as the reference gives it: a scope string, or AllOf/AnyOf/if/for-each. */
export type ScopeExpression = unknown;

export interface ApiEntry {
  pointer: string;
  name: string;
  title: string;
  description: string;
  stability: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  route: string;
  args: string[];
  query: string[];
  input?: string;
  output?: string;
  scopes?: ScopeExpression;
  category?: string;
}

export interface ApiReference {
  kind: 'api';
  document: LoadedDocument;
  serviceName: string;
  apiVersion: string;
  title: string;
  description: string;
  entries: ApiEntry[];
}

export interface RoutingKeyPart {
  name: string;
  summary: string;
  multipleWords: boolean;
  required: boolean;
  constant?: string;
}

export interface ExchangeEntry {
  pointer: string;
  name: string;
  title: string;
  description: string;
  exchange: string;
  schema: string;
  routingKey: RoutingKeyPart[];
}

export interface ExchangesReference {
  kind: 'exchanges';
  document: LoadedDocument;
  serviceName: string;
  apiVersion: string;
  title: string;
  description: string;
  exchangePrefix: string;
  entries: ExchangeEntry[];
}

export type ClientReference = ApiReference | ExchangesReference;

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** Reads fields of one JSON object, reporting each missing or mistyped one at its pointer. */
class FieldReader {
  constructor(
    private readonly problems: ProblemList,
    private readonly location: string,
    readonly pointer: string,
    private readonly object: Record<string, unknown>,
  ) {}
  private report(key: string, expected: string): void {
    const found = this.object[key];
    this.problems.add(this.location, pointerJoin(this.pointer, key), `expected ${expected}, found ${preview(found)}`);
  }
  string(key: string, options: { optional?: boolean; nonEmpty?: boolean } = {}): string {
    const value = this.object[key];
    if (value === undefined && options.optional) return '';
    if (typeof value === 'string' && (!options.nonEmpty || value !== '')) return value;
    this.report(key, options.nonEmpty ? 'a non-empty string' : 'a string');
    return '';
  }
  optionalString(key: string): string | undefined {
    return this.object[key] === undefined ? undefined : this.string(key);
  }
  boolean(key: string, fallback: boolean): boolean {
    const value = this.object[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.report(key, 'true or false');
    return fallback;
  }
  strings(key: string): string[] {
    const value = this.object[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    this.report(key, 'an array of strings');
    return [];
  }
  objects(key: string): Array<{ value: Record<string, unknown>; pointer: string }> {
    const value = this.object[key];
    if (!Array.isArray(value)) {
      this.report(key, 'an array');
      return [];
    }
    return value.flatMap((item, index) => {
      const pointer = pointerJoin(this.pointer, key, index);
      if (isObject(item)) return [{ value: item, pointer }];
      this.problems.add(this.location, pointer, `expected an object, found ${preview(item)}`);
      return [];
    });
  }
  get raw(): Record<string, unknown> {
    return this.object;
  }
}

function checkRouteArgs(entry: FieldReader, route: string, args: string[], problems: ProblemList, location: string): void {
  const inRoute = [...route.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
  for (const name of new Set(inRoute)) {
    if (!args.includes(name)) problems.add(location, pointerJoin(entry.pointer, 'route'), `route parameter <${name}> is not listed in args`);
  }
  args.forEach((name, index) => {
    if (!inRoute.includes(name)) problems.add(location, pointerJoin(entry.pointer, 'args', index), `arg "${name}" does not appear in the route ${JSON.stringify(route)}`);
    if (args.indexOf(name) !== index) problems.add(location, pointerJoin(entry.pointer, 'args', index), `arg "${name}" is listed twice`);
  });
}

function readApiEntry(reader: FieldReader, problems: ProblemList, location: string): ApiEntry {
  const method = reader.string('method', { nonEmpty: true }).toUpperCase();
  if (method !== '' && !METHODS.has(method)) {
    problems.add(location, pointerJoin(reader.pointer, 'method'), `unknown HTTP method: expected one of get, post, put, delete, patch, found ${preview(reader.raw.method)}`);
  }
  const entry: ApiEntry = {
    pointer: reader.pointer,
    name: reader.string('name', { nonEmpty: true }),
    title: reader.string('title', { optional: true }),
    description: reader.string('description', { optional: true }),
    stability: reader.string('stability', { optional: true }) || 'stable',
    method: method as ApiEntry['method'],
    route: reader.string('route', { nonEmpty: true }),
    args: reader.strings('args'),
    query: reader.strings('query'),
    input: reader.optionalString('input'),
    output: reader.optionalString('output'),
    scopes: reader.raw.scopes,
    category: reader.optionalString('category'),
  };
  if (entry.route !== '') checkRouteArgs(reader, entry.route, entry.args, problems, location);
  return entry;
}

function readExchangeEntry(reader: FieldReader, problems: ProblemList, location: string): ExchangeEntry {
  const routingKey = reader.objects('routingKey').map(({ value, pointer }) => {
    const part = new FieldReader(problems, location, pointer, value);
    return {
      name: part.string('name', { nonEmpty: true }),
      summary: part.string('summary', { optional: true }),
      multipleWords: part.boolean('multipleWords', false),
      required: part.boolean('required', false),
      constant: part.optionalString('constant'),
    };
  });
  return {
    pointer: reader.pointer,
    name: reader.string('name', { nonEmpty: true }),
    title: reader.string('title', { optional: true }),
    description: reader.string('description', { optional: true }),
    exchange: reader.string('exchange', { nonEmpty: true }),
    schema: reader.string('schema', { nonEmpty: true }),
    routingKey,
  };
}

function reportDuplicateNames(entries: Array<{ name: string; pointer: string }>, problems: ProblemList, location: string): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const first = seen.get(entry.name);
    if (first !== undefined) problems.add(location, pointerJoin(entry.pointer, 'name'), `duplicate entry name "${entry.name}" (first at ${first})`);
    else seen.set(entry.name, entry.pointer);
  }
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? `a string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

function readReference(document: LoadedDocument, problems: ProblemList): ClientReference | undefined {
  const kind = referenceKind(document.json);
  if (kind === 'logs' || kind === 'metrics') return undefined;
  if (!isObject(document.json)) {
    problems.add(document.location, '', `expected a reference (a JSON object with a $schema), found ${describeJson(document.json)}`);
    return undefined;
  }
  if (kind === undefined) {
    const schema = document.json.$schema;
    problems.add(document.location, '/$schema', `unknown reference kind: expected the $schema of an api, exchanges, logs or metrics reference (${Object.keys(REFERENCE_KINDS).map((k) => JSON.stringify(k)).join(', ')}), found ${preview(schema)}`);
    return undefined;
  }
  const location = document.location;
  const top = new FieldReader(problems, location, '', document.json);
  const common = {
    document,
    serviceName: top.string('serviceName', { nonEmpty: true }),
    apiVersion: top.string('apiVersion', { nonEmpty: true }),
    title: top.string('title', { optional: true }),
    description: top.string('description', { optional: true }),
  };
  const readers = top.objects('entries').map(({ value, pointer }) => new FieldReader(problems, location, pointer, value));
  if (kind === 'api') {
    const entries = readers.map((reader) => readApiEntry(reader, problems, location));
    reportDuplicateNames(entries, problems, location);
    return { kind, ...common, entries };
  }
  const entries = readers.map((reader) => readExchangeEntry(reader, problems, location));
  reportDuplicateNames(entries, problems, location);
  return { kind, ...common, exchangePrefix: top.string('exchangePrefix', { nonEmpty: true }), entries };
}

/** Checks the shape of every api and exchanges reference; throws with every problem found. */
export function validateReferences(input: LoadedInput): ClientReference[] {
  const { references, problems } = readReferences(input);
  if (problems.length > 0) throw new GenerateError(problems);
  return references;
}

/** Each reference read on its own: the valid ones, and every problem of the others (see reference-input.ts reportAllProblems). */
export function readReferences(input: LoadedInput): { references: ClientReference[]; problems: Problem[] } {
  const references: ClientReference[] = [];
  const problems: Problem[] = [];
  for (const document of input.references) {
    const own = new ProblemList();
    const reference = readReference(document, own);
    if (!own.empty) problems.push(...own.items);
    else if (reference !== undefined) references.push(reference);
  }
  return { references, problems };
}
