// Per-module stamps, for incremental generation: a service's modules (dist/services/<name>.js
// and .d.ts, and its validation schemas dist/schemas/<name>.js and .d.ts) and the workers module
// (dist/workers.*) are regenerated only when something they are made from changed since the
// output was written; otherwise their files are taken from the output as they are.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedInput } from '../load/load.ts';
import { collectRefs, entrySchemaTarget, namesSchema, schemaBasePath, tryResolveSchemaRef } from '../load/schema-paths.ts';
import type { NameLock } from '../model/names.ts';
import type { ServiceModel } from '../model/model.ts';
import { WORKERS_MODULE } from '../model/module-names.ts';
import type { WorkersModel } from '../model/workers.ts';
import { sha256, type Stamp } from './write.ts';

/**
 * The files a module may be made of in the package: a service's client module and its
 * validation schemas (a service whose entries name no schema has none), or the workers module.
 */
export const moduleFiles = (name: string): string[] =>
  name === WORKERS_MODULE ? [`dist/${WORKERS_MODULE}.js`, `dist/${WORKERS_MODULE}.d.ts`] : [`dist/services/${name}.js`, `dist/services/${name}.d.ts`, `dist/schemas/${name}.js`, `dist/schemas/${name}.d.ts`];

/** The files of `name`'s modules that `stamp` records: those the run that wrote it made. */
export const stampedModuleFiles = (name: string, stamp: Stamp): string[] => moduleFiles(name).filter((file) => Object.hasOwn(stamp.files, file));

/**
 * Every schema document reached from `roots` (root-relative paths), through `$ref`s in turn,
 * whichever service's folder they are in (schemas/common included).
 */
function reachedSchemas(roots: string[], input: LoadedInput): string[] {
  const reached = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const document = input.schemas.get(file);
    if (reached.has(file) || document === undefined) continue;
    reached.add(file);
    const base = schemaBasePath(document.path, document.json);
    for (const { ref } of collectRefs(document.json)) {
      const target = tryResolveSchemaRef(ref, base);
      if (target !== undefined) pending.push(target.path);
    }
  }
  return [...reached].sort();
}

/**
 * Every schema document a service reaches, root-relative paths: those its entries name, and
 * all that their `$ref`s reach in turn. A schema that several services reach is in each one's set.
 */
export function schemaDependencies(service: ServiceModel, input: LoadedInput): string[] {
  const named = [
    ...(service.api?.entries ?? []).flatMap((entry) => [entry.input, namesSchema('output', entry.output) ? entry.output : undefined]),
    ...(service.exchanges?.entries ?? []).map((entry) => entry.schema),
  ].filter((value): value is string => typeof value === 'string');
  return reachedSchemas(named.map((value) => entrySchemaTarget(service.serviceName, value).path), input);
}

const documentsHash = (documents: ReadonlyArray<{ path: string; text: string }>): string[] => documents.map((document) => `${document.path}\n${sha256(document.text)}`);

/**
 * One hash per module of everything it is made from: `shared` (the generator's own code and
 * libraries, the runtime, the package's identity and root URL) and the type names it got, and
 * for a service its references and the schema documents it reaches (schemaDependencies); for
 * the workers module (key `workers`), the payload schemas and all they reach, and the queue type
 * its `TaskFor` names.
 */
export function moduleHashes(services: ServiceModel[], workers: WorkersModel | undefined, input: LoadedInput, shared: string, typeNames: NameLock): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const service of services) {
    const references = [service.api?.document, service.exchanges?.document].filter((document) => document !== undefined);
    const schemas = schemaDependencies(service, input).map((file) => input.schemas.get(file)!);
    const parts = [shared, service.serviceName, ...documentsHash([...references, ...schemas]), JSON.stringify(typeNames[service.serviceName] ?? {})];
    hashes[service.serviceName] = sha256(parts.join('\n'));
  }
  if (workers !== undefined) {
    const schemas = reachedSchemas(workers.payloads.map((payload) => payload.schemaPath), input).map((file) => input.schemas.get(file)!);
    const parts = [shared, WORKERS_MODULE, ...documentsHash(schemas), JSON.stringify(typeNames[WORKERS_MODULE] ?? {}), JSON.stringify(workers.task ?? null)];
    hashes[WORKERS_MODULE] = sha256(parts.join('\n'));
  }
  return hashes;
}

/**
 * The modules of `out` that can be kept: those whose hash is the one `stamp` recorded and
 * whose files are there, unchanged since (their digests are the stamp's). Module name → file → text.
 */
export async function reusableModules(out: string, stamp: Stamp | undefined, hashes: Record<string, string>): Promise<Map<string, Map<string, string>>> {
  const reusable = new Map<string, Map<string, string>>();
  if (stamp?.services === undefined) return reusable;
  await Promise.all(
    Object.entries(hashes)
      .filter(([service, hash]) => stamp.services![service] === hash)
      .map(async ([service]) => {
        const names = stampedModuleFiles(service, stamp);
        const texts = await Promise.all(names.map((file) => readFile(path.join(out, file), 'utf8').catch(() => undefined)));
        const files = names.map((file, index) => [file, texts[index]] as const);
        if (names[0] === moduleFiles(service)[0] && files.every(([file, text]) => text !== undefined && sha256(text) === stamp.files[file])) reusable.set(service, new Map(files as Array<[string, string]>));
      }),
  );
  return reusable;
}

/**
 * The hash a stamp records (`sources`) for each text prettier formats, with `generator` (the
 * generator's hash: prettier's output depends only on its input, its options and its version).
 */
export const sourceHashes = (unformatted: Map<string, string>, generator: string): Record<string, string> =>
  Object.fromEntries([...unformatted].map(([file, text]) => [file, sha256(`${generator}\n${text}`)]));

/**
 * Files of `out` that formatting `unformatted` (file → text) would make again: those whose text
 * before formatting has the hash `stamp` recorded (sourceHashes), unchanged since. File → formatted text.
 */
export async function reusableFormatted(out: string, stamp: Stamp | undefined, unformatted: Map<string, string>, generator: string): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  const hashes = sourceHashes(unformatted, generator);
  await Promise.all(
    [...unformatted]
      .filter(([file]) => stamp?.sources?.[file] === hashes[file])
      .map(async ([file]) => {
        const text = await readFile(path.join(out, file), 'utf8').catch(() => undefined);
        if (text !== undefined && sha256(text) === stamp!.files[file]) kept.set(file, text);
      }),
  );
  return kept;
}
