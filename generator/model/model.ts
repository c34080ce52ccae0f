import { ProblemList, pointerJoin } from '../errors.ts';
import { isObject, type LoadedInput } from '../load/load.ts';
import { entrySchemaTarget, namesSchema } from '../load/schema-paths.ts';
import type { ApiEntry, ApiReference, ClientReference, ExchangeEntry, ExchangesReference } from '../validate/validate.ts';
import { GLOBAL_TYPE_NAMES, isIdentifier, isUsableName, RESERVED_WORDS } from './identifiers.ts';
import { assignTypeNames, pascalCase, type NameLock } from './names.ts';
import { SchemaCollector, type NamedSchema, type PreparedSchema } from './schemas.ts';
import { buildWorkers, WORKERS_MODULE, type WorkersModel } from './workers.ts';

export interface EntryModel extends ApiEntry {
  inputType?: string;
  outputType?: string;
}

export interface ExchangeModel extends ExchangeEntry {
  messageType?: string;
}

export interface TypeModel {
  name: string;
  schema: NamedSchema;
  /** The prepared schema with every `$named` placeholder replaced by `tsType: <name>`. */
  body: PreparedSchema;
}

export interface ServiceModel {
  serviceName: string;
  className: string;
  eventsClassName: string;
  api?: Omit<ApiReference, 'entries'> & { entries: EntryModel[] };
  exchanges?: Omit<ExchangesReference, 'entries'> & { entries: ExchangeModel[] };
  types: TypeModel[];
}

export interface PackageModel {
  services: ServiceModel[];
  /** The worker payload types (`./workers`); absent when the reference has no payload schemas. */
  workers?: WorkersModel;
}

/** Instance members of the runtime's Client and EventsClient that an entry must not shadow. */
export const RUNTIME_MEMBERS = new Set(['buildUrl', 'buildSignedUrl', 'buildSignedUrlAsync', 'use', 'taskclusterPerRequestInstance', 'constructor']);
/** Module-level names every generated service module declares or imports besides its classes. */
const MODULE_NAMES = ['runtime', 'SERVICE', 'EXCHANGES'];
/** Subpaths the package exports besides its services' (render.ts, packageJson). */
const PACKAGE_SUBPATHS = ['runtime', 'pulse', WORKERS_MODULE];

function groupByService(references: ClientReference[], problems: ProblemList): Map<string, ClientReference[]> {
  const groups = new Map<string, ClientReference[]>();
  for (const reference of references) {
    const group = groups.get(reference.serviceName) ?? [];
    const twin = group.find((other) => other.kind === reference.kind);
    if (twin) {
      problems.add(reference.document.location, '/serviceName', `a second ${reference.kind} reference for service "${reference.serviceName}" (the first is ${twin.document.location})`);
      continue;
    }
    groups.set(reference.serviceName, [...group, reference]);
  }
  return groups;
}

/** Why `name` cannot be a generated method's name, or undefined when it can. */
function unusableMethodName(name: string): string | undefined {
  if (!isIdentifier(name)) return 'expected an identifier (letters, digits, "_" and "$", not starting with a digit)';
  if (RESERVED_WORDS.has(name)) return 'it is a reserved word in JavaScript or the generated code';
  if (RUNTIME_MEMBERS.has(name)) return "it would shadow a member of the runtime's Client";
  if (name === 'then') return 'a client with a then method is a thenable: awaiting it, or resolving a promise with it, would call the method';
  if (name in Object.prototype) return `it would shadow Object.prototype.${name}, which the client inherits`;
  return undefined;
}

function checkNames(reference: ClientReference, problems: ProblemList): void {
  const location = reference.document.location;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(reference.serviceName) || !isUsableName(pascalCase(reference.serviceName))) {
    problems.add(location, '/serviceName', `service name ${JSON.stringify(reference.serviceName)} cannot name a module and class (letters, digits, "-" and "_", starting with a letter)`);
  }
  // The package's own subpaths (`<package>/runtime`, `<package>/pulse`) cannot also be a service's.
  if (PACKAGE_SUBPATHS.includes(reference.serviceName.toLowerCase())) {
    problems.add(location, '/serviceName', `service name ${JSON.stringify(reference.serviceName)} would take the package's own "./${reference.serviceName.toLowerCase()}" export`);
  }
  for (const entry of reference.entries) {
    const why = entry.name === '' ? undefined : unusableMethodName(entry.name);
    if (why !== undefined) problems.add(location, pointerJoin(entry.pointer, 'name'), `entry name ${JSON.stringify(entry.name)} cannot name a method: ${why}`);
  }
}

/** Replaces `{ $named: key }` placeholders by `{ tsType: name }` throughout a prepared schema. */
function bindNames(schema: unknown, names: ReadonlyMap<string, string>): any {
  if (Array.isArray(schema)) return schema.map((item) => bindNames(item, names));
  if (!isObject(schema)) return schema;
  if (typeof schema.$named === 'string') {
    const { $named, ...rest } = schema;
    return { ...rest, tsType: names.get($named) ?? 'unknown' };
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'enum' || key === 'const' || key === 'default' ? value : bindNames(value, names)]));
}

function buildService(serviceName: string, group: ClientReference[], input: LoadedInput, problems: ProblemList, lock: NameLock): ServiceModel {
  const api = group.find((r): r is ApiReference => r.kind === 'api');
  const exchanges = group.find((r): r is ExchangesReference => r.kind === 'exchanges');
  const className = pascalCase(serviceName);
  const service: ServiceModel = { serviceName, className, eventsClassName: `${className}Events`, types: [] };
  const lockOfService = Object.hasOwn(lock, serviceName) ? lock[serviceName] : undefined;
  const collector = new SchemaCollector(input.schemas, problems, new Set(Object.keys(lockOfService ?? {})));
  const root = (reference: ClientReference, pointer: string, value: string | undefined) =>
    value === undefined ? undefined : collector.addRoot(entrySchemaTarget(serviceName, value), { location: reference.document.location, pointer, value });
  const apiEntries = api?.entries.map((entry) => ({
    ...entry,
    inputKey: root(api, pointerJoin(entry.pointer, 'input'), entry.input),
    outputKey: root(api, pointerJoin(entry.pointer, 'output'), namesSchema('output', entry.output) ? entry.output : undefined),
  }));
  const exchangeEntries = exchanges?.entries.map((entry) => ({ ...entry, messageKey: root(exchanges, pointerJoin(entry.pointer, 'schema'), entry.schema) }));
  collector.drain();
  const named = [...collector.named.values()];
  const reserved = new Set([className, service.eventsClassName, ...MODULE_NAMES, ...GLOBAL_TYPE_NAMES]);
  // Reach order for names: API entries in reference order (input before output), then exchanges.
  const roots = [...(apiEntries ?? []).flatMap((entry) => [entry.inputKey, entry.outputKey]), ...(exchangeEntries ?? []).map((entry) => entry.messageKey)];
  const names = assignTypeNames(named, roots.filter((key): key is string => key !== undefined), reserved, lockOfService);
  const typeName = (key: string | undefined) => (key === undefined ? undefined : names.get(key));
  if (api && apiEntries) {
    service.api = { ...api, entries: apiEntries.map(({ inputKey, outputKey, ...entry }) => ({ ...entry, inputType: typeName(inputKey), outputType: typeName(outputKey) })) };
  }
  if (exchanges && exchangeEntries) {
    service.exchanges = { ...exchanges, entries: exchangeEntries.map(({ messageKey, ...entry }) => ({ ...entry, messageType: typeName(messageKey) })) };
  }
  service.types = named
    .filter((schema) => names.has(schema.key))
    .map((schema) => ({ name: names.get(schema.key)!, schema, body: bindNames(schema.body, names) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return service;
}

function checkClassNames(services: ServiceModel[], problems: ProblemList): void {
  const seen = new Map<string, ServiceModel>();
  for (const service of services) {
    const names = [service.className, service.eventsClassName];
    const clash = names.map((name) => ({ name, other: seen.get(name.toLowerCase()) })).find(({ other }) => other !== undefined && other !== service);
    if (clash) {
      const location = (service.api ?? service.exchanges)!.document.location;
      problems.add(location, '/serviceName', `services "${clash.other!.serviceName}" and "${service.serviceName}" would both be named ${clash.name}`);
    }
    for (const name of names) seen.set(name.toLowerCase(), service);
  }
}

/**
 * Builds the package model: one service per serviceName, with every type named. `lock` holds
 * the names an earlier output recorded (its stamp's `types`): each is kept while its schema exists.
 */
export function buildModel(references: ClientReference[], input: LoadedInput, lock: NameLock = {}): PackageModel {
  const problems = new ProblemList();
  references.forEach((reference) => checkNames(reference, problems));
  problems.throwIfAny();
  const groups = groupByService(references, problems);
  const services = [...groups.keys()].sort().map((name) => buildService(name, groups.get(name)!, input, problems, lock));
  checkClassNames(services, problems);
  const workers = buildWorkers(input, services, lock, problems, bindNames);
  problems.throwIfAny();
  return { services, ...(workers && { workers }) };
}

/** Every module that names types, as the name lock records them: the services, then `workers`. */
export function lockOwners(model: PackageModel): Array<Pick<ServiceModel, 'serviceName' | 'types'>> {
  return model.workers ? [...model.services, { serviceName: WORKERS_MODULE, types: model.workers.types }] : model.services;
}
