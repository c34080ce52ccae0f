import { ProblemList } from '../errors.ts';
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

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** The part of a type name that a JSON pointer below a document's root adds: parent + property, items → Entry. */
export function pointerSuffix(pointer: string): string {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let suffix = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token === 'properties' || token === 'definitions' || token === '$defs') && i + 1 < tokens.length) {
      suffix += pascalCase(tokens[++i]!) || 'Property';
    } else if (token === 'items') suffix += 'Entry';
    else if (token === 'additionalProperties') suffix += 'Value';
    else if (/^\d+$/.test(token)) suffix += ORDINALS[Number(token)] ?? `Number${token}Of`;
    else suffix += pascalCase(token);
  }
  return suffix;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

/** "/schemas/queue/v1/task.json" → "QueueTask": the fallback when two documents' file names clash. */
function qualifiedFileName(path: string): string {
  return pascalCase(path.replace(/^\/schemas\//, '').replace(/\/v\d+\//, '/').replace(/\.json$/, ''));
}

function documentTitle(schema: NamedSchema): string | undefined {
  const json = schema.document.json;
  return json !== null && typeof json === 'object' && typeof (json as { title?: unknown }).title === 'string' ? (json as { title: string }).title : undefined;
}

/**
 * Base names of documents. Rule: the title in PascalCase, else the file name. Documents whose
 * titles clash (ignoring case) or hit a reserved name all fall back to their file names, and
 * then to their service-qualified paths; a clash left after that is an error.
 */
function documentBaseNames(schemas: NamedSchema[], reserved: ReadonlySet<string>, problems: ProblemList): Map<string, string> {
  const documents = new Map<string, NamedSchema>();
  for (const schema of schemas) if (!documents.has(schema.document.path)) documents.set(schema.document.path, schema);
  const paths = [...documents.keys()].sort();
  const rules: Array<(path: string) => string> = [
    (path) => pascalCase(documentTitle(documents.get(path)!) ?? '') || pascalCase(basename(path)),
    (path) => pascalCase(basename(path)),
    qualifiedFileName,
  ];
  const names = new Map<string, string>();
  let undecided = paths;
  for (const rule of rules) {
    const wished = new Map(undecided.map((path) => [path, rule(path)]));
    const taken = new Set([...names.values(), ...reserved].map((n) => n.toLowerCase()));
    const counts = new Map<string, number>();
    for (const name of wished.values()) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
    undecided = undecided.filter((path) => {
      const name = wished.get(path)!.toLowerCase();
      if (counts.get(name) === 1 && !taken.has(name)) names.set(path, wished.get(path)!);
      return !names.has(path);
    });
  }
  for (const path of undecided) {
    const wished = rules.map((rule) => rule(path));
    const lower = new Set(wished.map((name) => name.toLowerCase()));
    const others = paths.filter((other) => other !== path && rules.some((rule) => lower.has(rule(other).toLowerCase())));
    const withWhat = [...others.map((other) => documents.get(other)!.document.location), ...[...reserved].filter((name) => lower.has(name.toLowerCase())).map((name) => `the generated name ${name}`)];
    const candidates = [...new Set(wished)].map((name) => `"${name}"`).join(', ');
    problems.add(documents.get(path)!.document.location, '', `cannot name the type of this schema: its title, file name and path give ${candidates}, which clash with ${withWhat.join(', ') || 'other names'}; give it a distinct title`);
  }
  return names;
}

/**
 * Assigns every named schema of one module its exported type name, in one pass.
 * `reserved` holds the module's other exported and imported names (classes, runtime).
 */
export function assignTypeNames(schemas: NamedSchema[], reserved: ReadonlySet<string>, problems: ProblemList): Map<string, string> {
  const sorted = [...schemas].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const bases = documentBaseNames(sorted, reserved, problems);
  const names = new Map<string, string>();
  const byLowerName = new Map<string, NamedSchema>();
  for (const schema of sorted) {
    const base = bases.get(schema.document.path);
    if (base === undefined) continue;
    const name = base + pointerSuffix(schema.target.pointer);
    const lower = name.toLowerCase();
    const other = byLowerName.get(lower);
    const at = (s: NamedSchema) => `${s.document.location}#${s.target.pointer}`;
    if (other !== undefined) {
      problems.add(schema.document.location, schema.target.pointer, `type name "${name}" clashes with "${names.get(other.key)}" of ${at(other)}`);
    } else if (reserved.has(name) || [...reserved].some((r) => r.toLowerCase() === lower)) {
      problems.add(schema.document.location, schema.target.pointer, `type name "${name}" clashes with a reserved name of the generated module`);
    } else if (!/^[A-Z][A-Za-z0-9]*$/.test(name) || /\d$/.test(name)) {
      problems.add(schema.document.location, schema.target.pointer, `type name "${name}" is not usable: type names start with a letter and do not end in a digit`);
    } else {
      names.set(schema.key, name);
      byLowerName.set(lower, schema);
    }
  }
  return names;
}
