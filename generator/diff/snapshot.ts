import * as crypto from 'node:crypto';
import type { PackageModel, ServiceModel, TypeModel } from '../model/model.ts';
import type { WorkersModel } from '../model/workers.ts';

/**
 * The consumer's view of a generated package, as plain JSON: what `tcgen diff` compares, and
 * what the stamp (`.tcgen.json`, field `model`) records so that `generate --diff` can compare
 * a new reference with the output it replaces. Titles and descriptions are kept as short
 * digests: a diff only needs to know that they changed, and the stamp stays small.
 */
export interface ModelSnapshot {
  /** Bumped when the shape changes; a stamp with another version is not compared. */
  snapshotVersion: typeof SNAPSHOT_VERSION;
  services: Record<string, ServiceSnapshot>;
  /** The `./workers` module (worker payload types); absent when the reference has no payload schemas. */
  workers?: WorkersSnapshot;
}

/** 2: `workers` added. A stamp of version 1 records no workers, so it is not compared (see stampedSnapshot). */
export const SNAPSHOT_VERSION = 2;

export interface ServiceSnapshot {
  className: string;
  eventsClassName: string;
  api?: { apiVersion: string; entries: Record<string, EntrySnapshot> };
  exchanges?: { apiVersion: string; exchangePrefix: string; entries: Record<string, ExchangeSnapshot> };
  /** Every exported type of the service module, by the name the model assigns. */
  types: Record<string, TypeSnapshot>;
}

/** The `./workers` module as its users see it: `WorkerPayloads` (and so `TaskFor<K>`) and the types it exports. */
export interface WorkersSnapshot {
  /** Each key of `WorkerPayloads` ("docker-worker/v1/payload": the schema's path below /schemas/ without `.json`) → its type's name. */
  payloads: Record<string, string>;
  /** Every exported type of the module, by the name the model assigns. */
  types: Record<string, TypeSnapshot>;
}

/** A module of the package that exports types: a service's, or `./workers`. */
export type ModuleSnapshot = ServiceSnapshot | WorkersSnapshot;

export interface EntrySnapshot {
  method: string;
  route: string;
  args: string[];
  query: string[];
  /** The input type's name; absent when the entry takes no payload. */
  input?: string;
  /** The output type's name, or `blob` for a non-JSON response; absent for `Promise<void>`. */
  output?: { type: string } | 'blob';
  scopes?: unknown;
  stability: string;
  title: string;
  description: string;
}

export interface ExchangeSnapshot {
  exchange: string;
  routingKey: Array<{ name: string; multipleWords: boolean; required: boolean; constant?: string; summary: string }>;
  /** The message type's name. */
  message?: string;
  title: string;
  description: string;
}

export interface TypeSnapshot {
  /** Where the schema is: "<document path>#<pointer>". */
  key: string;
  title?: string;
  /** The prepared schema (as json-schema-to-typescript gets it), other named types as `{ tsType: name }`. */
  body: unknown;
}

/** A 12-hex-digit digest of a title or description: enough to tell that it changed. */
// crypto.hash (Node >= 20.12) is the one-shot form, several times faster than createHash for short texts.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
const digest = (text: string): string => (text === '' ? '' : sha256Hex(text).slice(0, 12));

/** Data keywords whose values are not schemas (their `description` keys are data). */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

function digestDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(digestDescriptions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'description' && typeof value === 'string') return [key, digest(value)];
      if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return [key, Object.fromEntries(Object.entries(value).map(([name, child]) => [name, digestDescriptions(child)]))];
      }
      return [key, DATA_KEYWORDS.has(key) ? value : digestDescriptions(value)];
    }),
  );
}

function snapshotService(service: ServiceModel): ServiceSnapshot {
  const snapshot: ServiceSnapshot = { className: service.className, eventsClassName: service.eventsClassName, types: {} };
  if (service.api) {
    snapshot.api = {
      apiVersion: service.api.apiVersion,
      entries: Object.fromEntries(
        service.api.entries.map((entry) => [
          entry.name,
          {
            method: entry.method,
            route: entry.route,
            args: entry.args,
            query: entry.query,
            ...(entry.inputType !== undefined && { input: entry.inputType }),
            ...(entry.output !== undefined && { output: entry.outputType !== undefined ? { type: entry.outputType } : ('blob' as const) }),
            ...(entry.scopes !== undefined && { scopes: entry.scopes }),
            stability: entry.stability,
            title: digest(entry.title),
            description: digest(entry.description),
          } satisfies EntrySnapshot,
        ]),
      ),
    };
  }
  if (service.exchanges) {
    snapshot.exchanges = {
      apiVersion: service.exchanges.apiVersion,
      exchangePrefix: service.exchanges.exchangePrefix,
      entries: Object.fromEntries(
        service.exchanges.entries.map((entry) => [
          entry.name,
          {
            exchange: entry.exchange,
            routingKey: entry.routingKey.map((part) => ({
              name: part.name,
              multipleWords: part.multipleWords,
              required: part.required,
              ...(part.constant !== undefined && { constant: part.constant }),
              summary: digest(part.summary),
            })),
            ...(entry.messageType !== undefined && { message: entry.messageType }),
            title: digest(entry.title),
            description: digest(entry.description),
          } satisfies ExchangeSnapshot,
        ]),
      ),
    };
  }
  snapshot.types = snapshotTypes(service.types);
  return snapshot;
}

function snapshotTypes(types: readonly TypeModel[]): Record<string, TypeSnapshot> {
  return Object.fromEntries(
    types.map((type) => [
      type.name,
      { key: type.schema.key, ...(type.schema.title !== undefined && { title: digest(type.schema.title) }), body: digestDescriptions(type.body) } satisfies TypeSnapshot,
    ]),
  );
}

function snapshotWorkers(workers: WorkersModel): WorkersSnapshot {
  return { payloads: Object.fromEntries(workers.payloads.map((payload) => [payload.key, payload.typeName])), types: snapshotTypes(workers.types) };
}

/**
 * The snapshot of a package model (see ModelSnapshot). Services that make no class (no api
 * and no exchanges reference) are not in the model, so not here either.
 */
export function snapshotModel(model: PackageModel): ModelSnapshot {
  return {
    snapshotVersion: SNAPSHOT_VERSION,
    services: Object.fromEntries(model.services.map((service) => [service.serviceName, snapshotService(service)])),
    ...(model.workers && { workers: snapshotWorkers(model.workers) }),
  };
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The snapshot a stamp recorded, or undefined when it has none (an older tcgen) or another
 * version: a version-1 snapshot says nothing of the workers module, and comparing it as if the
 * package had none would report every payload as added.
 */
export function stampedSnapshot(value: unknown): ModelSnapshot | undefined {
  const snapshot = value as Partial<ModelSnapshot> | undefined;
  if (snapshot?.snapshotVersion !== SNAPSHOT_VERSION || !isObject(snapshot.services)) return undefined;
  const workers = snapshot.workers;
  return workers === undefined || (isObject(workers) && isObject(workers.payloads) && isObject(workers.types)) ? (snapshot as ModelSnapshot) : undefined;
}
