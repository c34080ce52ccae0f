import type { EntryModel, ExchangeModel, ServiceModel } from '../model/model.ts';
import { isUsableName } from '../model/identifiers.ts';
import { BLOB_OUTPUT } from '../load/schema-paths.ts';
import { camelCase } from '../model/names.ts';
import { scopesParagraph } from './scopes.ts';

/**
 * What the templates see: raw reference text stays raw here and is escaped by the
 * template helpers (`doc`, `json`, `key`); identifiers are checked before they get here.
 */
export interface ParameterView {
  name: string;
  /** A TypeScript type made by the generator; or, for the query object, its keys. */
  type?: string;
  keys?: Array<{ key: string; type: string }>;
  optional: boolean;
}

export interface MethodView {
  name: string;
  title: string;
  stabilityNote?: string;
  docParagraphs: Array<string | undefined>;
  parameters: ParameterView[];
  returnType: string;
  definition: { name: string; method: string; route: string; args: string[]; query: string[]; input: boolean; output: boolean };
}

export interface ExchangeView {
  name: string;
  title: string;
  docParagraphs: Array<string | undefined>;
  routingKey: Array<{ name: string; type: string }>;
  messageType: string;
  /** The full exchange name (prefix + exchange), the literal type of the binding's `exchange`. */
  exchangeName: string;
  definition: { name: string; exchange: string; routingKey: ExchangeModel['routingKey'] };
}

const BLOB_NOTE = 'The response is a blob, not JSON: this method resolves to nothing. Fetch the body from `buildSignedUrl(...)` instead.';

const STABILITY_NOTES: Record<string, string> = {
  experimental: '@experimental This API is experimental: it may change or disappear without notice.',
  deprecated: '@deprecated This API is deprecated by the service.',
};

/** Route args become parameter names; names that are not usable, or clash with the fixed ones, are renamed. */
export function parameterNames(args: string[]): string[] {
  const taken = new Set(['payload', 'query', 'options']);
  return args.map((arg) => {
    let name = camelCase(arg);
    if (!isUsableName(name)) name = `arg${name.replace(/^[a-z]/, (c) => c.toUpperCase())}`;
    while (taken.has(name)) name = `${name}Arg`;
    taken.add(name);
    return name;
  });
}

function methodView(entry: EntryModel): MethodView {
  const parameters: ParameterView[] = parameterNames(entry.args).map((name) => ({ name, type: 'string | number', optional: false }));
  if (entry.input !== undefined) parameters.push({ name: 'payload', type: entry.inputType ?? 'unknown', optional: false });
  if (entry.query.length > 0) {
    parameters.push({ name: 'query', keys: entry.query.map((key) => ({ key, type: 'string | number | boolean' })), optional: true });
  }
  parameters.push({ name: 'options', type: 'runtime.CallOptions', optional: true });
  const stability = STABILITY_NOTES[entry.stability];
  // A blob (non-JSON) response: the official client resolves to undefined for it too; buildSignedUrl fetches it.
  const blob = entry.output === BLOB_OUTPUT;
  const output = entry.output !== undefined && !blob;
  return {
    name: entry.name,
    title: entry.title,
    stabilityNote: entry.stability === 'stable' ? undefined : entry.stability,
    docParagraphs: [entry.title, entry.description, blob ? BLOB_NOTE : undefined, scopesParagraph(entry.scopes), stability],
    parameters,
    returnType: output ? (entry.outputType ?? 'unknown') : 'void',
    definition: { name: entry.name, method: entry.method, route: entry.route, args: entry.args, query: entry.query, input: entry.input !== undefined, output },
  };
}

function routingKeyParagraph(entry: ExchangeModel): string {
  return ['Routing key:', ...entry.routingKey.map((part) => `- \`${part.name}\`${part.constant !== undefined ? ` (always \`${part.constant}\`)` : ''}${part.multipleWords ? ' (multiple words)' : ''}: ${part.summary}`)].join('\n');
}

function exchangeView(entry: ExchangeModel, exchangePrefix: string): ExchangeView {
  return {
    name: entry.name,
    title: entry.title,
    docParagraphs: [entry.title, entry.description, routingKeyParagraph(entry), entry.messageType ? `Messages are {@link ${entry.messageType}}.` : undefined],
    routingKey: entry.routingKey.map((part) => ({ name: part.name, type: part.constant !== undefined ? 'string' : 'string | number' })),
    messageType: entry.messageType ?? 'unknown',
    exchangeName: exchangePrefix + entry.exchange,
    definition: { name: entry.name, exchange: entry.exchange, routingKey: entry.routingKey },
  };
}

export interface ServiceView {
  serviceName: string;
  className: string;
  eventsClassName: string;
  namespace: string;
  api?: { apiVersion: string; title: string; docParagraphs: Array<string | undefined>; methods: MethodView[] };
  exchanges?: { apiVersion: string; title: string; exchangePrefix: string; docParagraphs: Array<string | undefined>; exchanges: ExchangeView[] };
}

export function serviceView(service: ServiceModel): ServiceView {
  const { api, exchanges } = service;
  return {
    serviceName: service.serviceName,
    className: service.className,
    eventsClassName: service.eventsClassName,
    namespace: isUsableName(camelCase(service.serviceName)) ? camelCase(service.serviceName) : `${camelCase(service.serviceName)}Service`,
    api: api && { apiVersion: api.apiVersion, title: api.title, docParagraphs: [api.title, api.description], methods: api.entries.map(methodView) },
    exchanges: exchanges && {
      apiVersion: exchanges.apiVersion,
      title: exchanges.title,
      exchangePrefix: exchanges.exchangePrefix,
      docParagraphs: [exchanges.title, exchanges.description],
      exchanges: exchanges.entries.map((entry) => exchangeView(entry, exchanges.exchangePrefix)),
    },
  };
}
