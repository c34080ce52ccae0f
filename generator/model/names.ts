import { createHash } from 'node:crypto';
import { isObject } from '../load/load.ts';
import type { NamedSchema } from './schemas.ts';

/** "purge-cache requests entry" → "PurgeCacheRequestsEntry"; inner capitals are kept ("workerPoolId" → "WorkerPoolId"). */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** "purge-cache" → "purgeCache". */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/**
 * Words written all in capitals in type names. The list of the official Go client's naming
 * helper (taskcluster/taskcluster tools/jsonschema2go/text/text.go `commonInitialisms`: golint's
 * list without ACL and XMPP, with KVM, OS and SHA), so that our names agree with Go's.
 * Capitals a title already has are kept too: "AWS S3" stays "AWSS3".
 */
export const INITIALISMS: ReadonlySet<string> = new Set([
  'API', 'ASCII', 'CPU', 'CSS', 'DNS', 'EOF', 'GUID', 'HTML', 'HTTP', 'HTTPS', 'ID', 'IP', 'JSON', 'KVM', 'LHS', 'OS', 'QPS',
  'RAM', 'RHS', 'RPC', 'SHA', 'SLA', 'SMTP', 'SQL', 'SSH', 'TCP', 'TLS', 'TTL', 'UDP', 'UI', 'UID', 'UUID', 'URI', 'URL', 'UTF8',
  'VM', 'XML', 'XSRF', 'XSS',
]);

/**
 * Splits one word at its case changes as the Go helper does (github.com/fatih/camelcase):
 * runs of lower case, upper case and digits, where the last capital of an upper-case run
 * starts the next lower-case run: "getURLForJSONData" → get, URL, For, JSON, Data; "S3" → S, 3.
 */
function camelParts(word: string): string[] {
  const kind = (c: string) => (/[a-z]/.test(c) ? 'l' : /[A-Z]/.test(c) ? 'u' : 'd');
  const runs: string[] = [];
  for (const c of word) {
    const last = runs.at(-1);
    if (last !== undefined && kind(last[0]!) === kind(c)) runs[runs.length - 1] = last + c;
    else runs.push(c);
  }
  for (let i = 0; i + 1 < runs.length; i++) {
    if (kind(runs[i]![0]!) === 'u' && kind(runs[i + 1]![0]!) === 'l') {
      runs[i + 1] = runs[i]!.slice(-1) + runs[i + 1];
      runs[i] = runs[i]!.slice(0, -1);
    }
  }
  return runs.filter((run) => run !== '');
}

/**
 * A title or property name as a type name, the way the Go client's naming helper
 * (GoIdentifierFrom) writes it: split into words at anything but ASCII letters and digits
 * (accents dropped first), each word split at its case changes, each part capitalised,
 * initialisms in capitals. "AWS S3 credentials response" → "AWSS3CredentialsResponse";
 * "workerPoolId" → "WorkerPoolID"; "get-url" → "GetURL". Empty when nothing is left.
 * Unlike Go, "_" separates words and a leading digit is not escaped (see usableTypeName).
 */
export function typeNameFrom(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .flatMap(camelParts)
    .map((part) => (INITIALISMS.has(part.toUpperCase()) ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * A type name a generated module can export: ASCII letters and digits, starting with a capital,
 * no lower-case letter right after a digit. json-schema-to-typescript declares a type under its
 * safe form of the name (toSafeString: first letter and a letter after digits in capitals) while
 * references keep the name as given, so any other name would not compile. The naming rules
 * always give this form; a hand-edited lock may not.
 */
export function usableTypeName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name) && !/[0-9][a-z]/.test(name);
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** The part of a type name that a JSON pointer below a document's root adds: parent + property, items → Entry. */
export function pointerSuffix(pointer: string): string {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let suffix = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token === 'properties' || token === 'definitions' || token === '$defs') && i + 1 < tokens.length) {
      suffix += typeNameFrom(tokens[++i]!) || 'Property';
    } else if (token === 'items') suffix += 'Entry';
    else if (token === 'additionalProperties') suffix += 'Value';
    else if (/^\d+$/.test(token)) suffix += ORDINALS[Number(token)] ?? `Number${token}Of`;
    else suffix += typeNameFrom(token);
  }
  return suffix;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

/** "/schemas/queue/v1/task.json" → "QueueTask": the fallback when two documents' file names clash. */
function qualifiedFileName(path: string): string {
  return typeNameFrom(path.replace(/^\/schemas\//, '').replace(/\/v\d+\//, '/').replace(/\.json$/, ''));
}

/** "/schemas/queue/v2/task.json" → "QueueV2Task": the path with its version, when even QueueTask is taken. */
function versionedFileName(path: string): string {
  return typeNameFrom(path.replace(/^\/schemas\//, '').replace(/\.json$/, ''));
}

function documentTitle(schema: NamedSchema): string | undefined {
  const json = schema.document.json;
  return isObject(json) && typeof json.title === 'string' ? json.title : undefined;
}

/**
 * The lock of one service: each named schema's location ("/schemas/queue/v1/task.json#" plus
 * a JSON pointer, as NamedSchema.key) and the type name it was given.
 */
export type ServiceNameLock = Readonly<Record<string, string>>;

/** Name locks by service name: the `types` of the stamp (.tcgen.json). */
export type NameLock = Readonly<Record<string, ServiceNameLock>>;

/** The named schemas a prepared body refers to (`{ $named: key }`), in the body's order. */
function namedReferences(body: unknown, found: string[] = []): string[] {
  if (Array.isArray(body)) body.forEach((item) => namedReferences(item, found));
  else if (isObject(body)) {
    if (typeof body.$named === 'string') found.push(body.$named);
    for (const [keyword, value] of Object.entries(body)) if (keyword !== 'enum' && keyword !== 'const' && keyword !== 'default') namedReferences(value, found);
  }
  return found;
}

/**
 * The order in which a service reaches its named schemas: each root in turn (API entries in
 * reference order, input before output, then exchanges, as `roots` lists them), followed depth
 * first through the named schemas its body refers to. Schemas no root reaches come last, by key.
 */
export function reachOrder(schemas: readonly NamedSchema[], roots: readonly string[]): NamedSchema[] {
  const byKey = new Map(schemas.map((schema) => [schema.key, schema]));
  const order: NamedSchema[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    const schema = byKey.get(key);
    if (schema === undefined || seen.has(key)) return;
    seen.add(key);
    order.push(schema);
    namedReferences(schema.body).forEach(visit);
  };
  roots.forEach(visit);
  [...byKey.keys()].sort().forEach(visit);
  return order;
}

/** Letters (never digits: those would look like a clash counter) from a digest of `key`. */
function digestLetters(key: string, length: number): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const letters = [...hex.slice(0, length)].map((digit) => String.fromCharCode(65 + parseInt(digit, 16))).join('');
  return letters[0] + letters.slice(1).toLowerCase();
}

const BRANCH_LOCATION = /^(.*\/(?:oneOf|anyOf|allOf))\/\d+$/;

/**
 * The lock by location, with each recorded oneOf/anyOf/allOf branch name moved to the sibling
 * branch whose title gives that name, when the branch now at the recorded position has another
 * title: a branch's position is no identity (reordering the branches, or inserting one before
 * others, changes no value the union accepts), so a recorded name follows its branch rather than
 * passing to whichever branch took the position.
 */
function branchesFollowTitles(schemas: readonly NamedSchema[], lock: ServiceNameLock): Map<string, string> {
  const kept = new Map<string, string>();
  const moved = new Map<string, string>();
  const byKey = new Map(schemas.map((schema) => [schema.key, schema]));
  const titleName = (schema: NamedSchema | undefined) => typeNameFrom(schema?.title ?? '');
  for (const [key, name] of Object.entries(lock)) {
    const list = BRANCH_LOCATION.exec(key)?.[1];
    if (list !== undefined && titleName(byKey.get(key)) !== name) {
      const sibling = schemas.find((schema) => schema.key !== key && BRANCH_LOCATION.exec(schema.key)?.[1] === list && titleName(schema) === name);
      if (sibling !== undefined) {
        moved.set(sibling.key, name);
        continue;
      }
    }
    kept.set(key, name);
  }
  for (const [key, name] of moved) kept.set(key, name);
  return kept;
}

/**
 * Assigns every named schema of one service module its exported type name, in one pass,
 * and never fails: each schema takes the first of its candidate names that is usable and free
 * (ignoring case), and each rule is offered to every schema in reach order before the next rule.
 *
 * 1. A name recorded in `lock` for the schema's location (a name is never taken back).
 * 2. Documents: the title (Go's capitalisation, see typeNameFrom), then the file name, then the
 *    service-qualified path (QueueTask), then the path with its version (QueueV1Task).
 * 3. Nested schemas, definitions and titled oneOf/anyOf branches: their own title, then the
 *    document's name + the pointer's path (SentryDSNResponseDsn), then the qualified
 *    path + the pointer's path.
 * 4. Last, for both: the qualified path and pointer + letters from a digest of the location.
 *
 * `reserved` holds the module's other exported and imported names (classes, runtime, globals);
 * `roots` the keys of the entries' and exchanges' schemas in reach order (see reachOrder).
 * Returns the names by NamedSchema.key.
 */
export function assignTypeNames(schemas: readonly NamedSchema[], roots: readonly string[], reserved: ReadonlySet<string>, lock: ServiceNameLock = {}): Map<string, string> {
  const order = reachOrder(schemas, roots);
  const names = new Map<string, string>();
  const taken = new Set([...reserved].map((name) => name.toLowerCase()));
  const claim = (schema: NamedSchema, name: string): void => {
    if (names.has(schema.key) || !usableTypeName(name) || taken.has(name.toLowerCase())) return;
    names.set(schema.key, name);
    taken.add(name.toLowerCase());
  };
  // Left only by contrived clashes (a property "fooBar" beside "foo" with "bar", in documents
  // whose paths clash too): letters from the location's digest, longer until the name is free.
  const lastResort = (schemas: NamedSchema[]) => {
    for (const schema of schemas) {
      const path = versionedFileName(schema.document.path) + pointerSuffix(schema.target.pointer);
      const base = usableTypeName(path) ? path : `Schema${path}`;
      for (let length = 4; !names.has(schema.key) && length <= 64; length++) claim(schema, base + digestLetters(schema.key, length));
    }
  };
  const kept = branchesFollowTitles(schemas, lock);
  for (const schema of order) {
    const locked = kept.get(schema.key);
    if (locked !== undefined) claim(schema, locked);
  }

  const documents = order.filter((schema) => schema.target.pointer === '');
  const documentRules: Array<(schema: NamedSchema) => string> = [
    (schema) => typeNameFrom(documentTitle(schema) ?? ''),
    (schema) => typeNameFrom(basename(schema.document.path)),
    (schema) => qualifiedFileName(schema.document.path),
    (schema) => versionedFileName(schema.document.path),
  ];
  for (const rule of documentRules) for (const schema of documents) claim(schema, rule(schema));
  lastResort(documents);

  // A nested schema's parent name: its document's type name, or the name the document would
  // take when only a part of it is a type (its title or file name, claimed by nobody).
  const documentKey = (schema: NamedSchema) => `${schema.document.path}#`;
  const documentName = (schema: NamedSchema) =>
    names.get(documentKey(schema)) ?? (typeNameFrom(documentTitle(schema) ?? '') || typeNameFrom(basename(schema.document.path)));
  const nested = order.filter((schema) => schema.target.pointer !== '');
  const nestedRules: Array<(schema: NamedSchema) => string> = [
    (schema) => typeNameFrom(schema.title ?? ''),
    (schema) => documentName(schema) + pointerSuffix(schema.target.pointer),
    (schema) => qualifiedFileName(schema.document.path) + pointerSuffix(schema.target.pointer),
    (schema) => versionedFileName(schema.document.path) + pointerSuffix(schema.target.pointer),
  ];
  for (const rule of nestedRules) for (const schema of nested) claim(schema, rule(schema));
  lastResort(nested);
  return names;
}

/** The lock a model's names make: service → location → type name, sorted. */
export function nameLockOf(services: ReadonlyArray<{ serviceName: string; types: ReadonlyArray<{ name: string; schema: { key: string } }> }>): Record<string, Record<string, string>> {
  const lock: Record<string, Record<string, string>> = {};
  for (const service of [...services].sort((a, b) => (a.serviceName < b.serviceName ? -1 : a.serviceName > b.serviceName ? 1 : 0))) {
    const entries = service.types.map((type) => [type.schema.key, type.name] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length > 0) lock[service.serviceName] = Object.fromEntries(entries);
  }
  return lock;
}
