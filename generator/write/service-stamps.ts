// Per-service stamps, for incremental generation: a service's module (dist/services/<name>.js
// and .d.ts) is regenerated only when something it is made from changed since the output was
// written; otherwise its files are taken from the output as they are.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedInput } from '../load/load.ts';
import { collectRefs, entrySchemaTarget, namesSchema, schemaBasePath, tryResolveSchemaRef } from '../load/schema-paths.ts';
import type { NameLock } from '../model/names.ts';
import type { ServiceModel } from '../model/model.ts';
import { sha256, type Stamp } from './write.ts';

/** The files a service's module is made of in the package. */
export const serviceFiles = (serviceName: string): string[] => [`dist/services/${serviceName}.js`, `dist/services/${serviceName}.d.ts`];

/**
 * Every schema document a service reaches, root-relative paths: those its entries name, and
 * all that their `$ref`s reach in turn, whichever service's folder they are in (schemas/common
 * included). A schema that several services reach is in each one's set.
 */
export function schemaDependencies(service: ServiceModel, input: LoadedInput): string[] {
  const named = [
    ...(service.api?.entries ?? []).flatMap((entry) => [entry.input, namesSchema('output', entry.output) ? entry.output : undefined]),
    ...(service.exchanges?.entries ?? []).map((entry) => entry.schema),
  ].filter((value): value is string => typeof value === 'string');
  const reached = new Set<string>();
  const pending = named.map((value) => entrySchemaTarget(service.serviceName, value).path);
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
 * One hash per service of everything its module is made from: `shared` (the generator's own
 * code and libraries, the runtime, the package's identity and root URL), the service's
 * references, the schema documents it reaches (schemaDependencies) and the type names it got.
 */
export function serviceHashes(services: ServiceModel[], input: LoadedInput, shared: string, typeNames: NameLock): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const service of services) {
    const references = [service.api?.document, service.exchanges?.document].filter((document) => document !== undefined);
    const schemas = schemaDependencies(service, input).map((file) => input.schemas.get(file)!);
    const parts = [shared, service.serviceName, ...[...references, ...schemas].map((document) => `${document.path}\n${sha256(document.text)}`), JSON.stringify(typeNames[service.serviceName] ?? {})];
    hashes[service.serviceName] = sha256(parts.join('\n'));
  }
  return hashes;
}

/**
 * The modules of `out` that can be kept: services whose hash is the one `stamp` recorded and
 * whose files are there, unchanged since (their digests are the stamp's). Service name → file → text.
 */
export async function reusableServices(out: string, stamp: Stamp | undefined, hashes: Record<string, string>): Promise<Map<string, Map<string, string>>> {
  const reusable = new Map<string, Map<string, string>>();
  if (stamp?.services === undefined) return reusable;
  await Promise.all(
    Object.entries(hashes)
      .filter(([service, hash]) => stamp.services![service] === hash)
      .map(async ([service]) => {
        const texts = await Promise.all(serviceFiles(service).map((file) => readFile(path.join(out, file), 'utf8').catch(() => undefined)));
        const files = serviceFiles(service).map((file, index) => [file, texts[index]] as const);
        if (files.every(([file, text]) => text !== undefined && sha256(text) === stamp.files[file])) reusable.set(service, new Map(files as Array<[string, string]>));
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
