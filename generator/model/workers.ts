import { ProblemList } from '../errors.ts';
import type { LoadedInput } from '../load/load.ts';
import { GLOBAL_TYPE_NAMES } from './identifiers.ts';
import { assignTypeNames, type NameLock } from './names.ts';
import { SchemaCollector } from './schemas.ts';
import type { ServiceModel, TypeModel } from './model.ts';
import { WORKERS_MODULE } from './module-names.ts';

export { WORKERS_MODULE } from './module-names.ts';

/** One worker payload schema: its key in `WorkerPayloads` and the type it was given. */
export interface WorkerPayloadModel {
  /** The schema's path below /schemas/ without `.json`: "generic-worker/multiuser_posix". */
  key: string;
  /** The root-relative path of the schema document. */
  schemaPath: string;
  typeName: string;
  /** The schema's title, for docs. */
  title?: string;
}

/** What the `./workers` module exports: a type per payload schema (and the ones they name), and the map. */
export interface WorkersModel {
  types: TypeModel[];
  payloads: WorkerPayloadModel[];
  /** Where createTask's input type is, for `TaskFor`; absent without a queue service's createTask entry. */
  task?: { serviceName: string; typeName: string };
}

/** Names the module declares besides the payload types. */
const MODULE_NAMES = ['WorkerPayloads', 'TaskFor'];

/**
 * Models the worker payload schemas the loader found (LoadedInput.payloadSchemas): each is a
 * root, named by the same rules and lock as a service's types (lock key "workers"), in path
 * order. `bindNames` is model.ts's placeholder binding. Undefined when there are none.
 */
export function buildWorkers(
  input: LoadedInput,
  services: readonly ServiceModel[],
  lock: NameLock,
  problems: ProblemList,
  bindNames: (schema: unknown, names: ReadonlyMap<string, string>) => TypeModel['body'],
): WorkersModel | undefined {
  if (input.payloadSchemas.length === 0) return undefined;
  const lockOfModule = Object.hasOwn(lock, WORKERS_MODULE) ? lock[WORKERS_MODULE] : undefined;
  const collector = new SchemaCollector(input.schemas, problems, new Set(Object.keys(lockOfModule ?? {})));
  const roots = input.payloadSchemas.map((schemaPath) => {
    const document = input.schemas.get(schemaPath)!;
    return { schemaPath, document, key: collector.addRoot({ path: schemaPath, pointer: '' }, { location: document.location, pointer: '', value: schemaPath }) };
  });
  collector.drain();
  const named = [...collector.named.values()];
  const reserved = new Set([...MODULE_NAMES, ...GLOBAL_TYPE_NAMES]);
  const names = assignTypeNames(named, roots.flatMap((root) => (root.key === undefined ? [] : [root.key])), reserved, lockOfModule);
  const types = named
    .filter((schema) => names.has(schema.key))
    .map((schema) => ({ name: names.get(schema.key)!, schema, body: bindNames(schema.body, names) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const payloads = roots.flatMap(({ schemaPath, document, key }): WorkerPayloadModel[] => {
    const typeName = key === undefined ? undefined : names.get(key);
    if (typeName === undefined) return [];
    const json = document.json as { title?: unknown };
    return [{ key: schemaPath.replace(/^\/schemas\//, '').replace(/\.json$/, ''), schemaPath, typeName, ...(typeof json.title === 'string' && { title: json.title }) }];
  });
  return { types, payloads, ...taskOf(services) };
}

/** The createTask entry's input type: TaskFor's base. Taskcluster's queue is the service that creates tasks. */
function taskOf(services: readonly ServiceModel[]): Pick<WorkersModel, 'task'> {
  for (const service of services) {
    const entry = service.api?.entries.find((candidate) => candidate.name === 'createTask' && candidate.inputType !== undefined);
    if (service.serviceName === 'queue' && entry) return { task: { serviceName: service.serviceName, typeName: entry.inputType! } };
  }
  return {};
}
