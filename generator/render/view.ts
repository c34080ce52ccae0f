import type { EntryModel, ExchangeModel, ServiceModel } from '../model/model.ts';
import { isUsableName } from '../model/identifiers.ts';
import { BLOB_OUTPUT } from '../load/schema-paths.ts';
import { camelCase } from '../model/names.ts';
import { scopesParagraph } from './scopes.ts';
import { literal } from './escape.ts';
import { code } from './schema-docs.ts';
import { GLOBAL_TYPE_NAMES } from '../model/identifiers.ts';

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
  definition: { name: string; method: string; route: string; args: string[]; query: string[]; input: boolean; output: boolean | 'blob'; scopes?: unknown };
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

const BLOB_NOTE = 'The response is a blob, not JSON: this method resolves to a `Blob` holding the body (`arrayBuffer()`, `stream()`, `text()`; its `type` is the response\'s content type).';

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

/**
 * The request a method sends and its parameters and result as TSDoc: the HTTP method and route
 * (below the root URL), then `@param` for each route argument, the payload, the query keys and
 * the call options, then `@returns`.
 */
function signatureParagraphs(entry: EntryModel, prefix: string, routeNames: string[], output: string): string[] {
  const params = routeNames.map((name, index) => `@param ${name} - the route's \`<${entry.args[index]}>\` (strings are percent-encoded)`);
  if (entry.input !== undefined) params.push(`@param payload - the request body${entry.inputType ? `, {@link ${entry.inputType}}` : ''}, sent as JSON`);
  if (entry.query.length > 0) params.push(`@param query - the query string; keys: ${entry.query.map((key) => code(key)).join(', ')}`);
  params.push('@param options - this call\'s `signal` and `authorizedScopes`');
  const returns =
    output === 'unknown'
      ? '@returns the JSON the server sent, or `undefined` when it sent none: the entry declares no output schema'
      : `@returns the response body, {@link ${output}}`;
  return [`Request: ${code(`${entry.method.toUpperCase()} ${prefix}${entry.route}`)} (below the root URL)`, [...params, returns].join('\n')];
}

function methodView(entry: EntryModel, prefix: string): MethodView {
  const routeNames = parameterNames(entry.args);
  const parameters: ParameterView[] = routeNames.map((name) => ({ name, type: 'string | number', optional: false }));
  // Input<T>: the forms an application holds a payload in (readonly arrays, interfaces, `undefined` optionals).
  if (entry.input !== undefined) parameters.push({ name: 'payload', type: entry.inputType ? `runtime.Input<${entry.inputType}>` : 'unknown', optional: false });
  if (entry.query.length > 0) {
    parameters.push({ name: 'query', keys: entry.query.map((key) => ({ key, type: 'string | number | boolean | undefined' })), optional: true });
  }
  // The HTTP method rides in the options' type, so that buildSignedUrl can refuse non-GET entries.
  parameters.push({ name: 'options', type: `runtime.CallOptions<${JSON.stringify(entry.method.toUpperCase())}>`, optional: true });
  const stability = STABILITY_NOTES[entry.stability];
  // A blob (non-JSON) response: the runtime gives the body as a Blob (the official client resolves to undefined).
  const blob = entry.output === BLOB_OUTPUT;
  const output = entry.output !== undefined && !blob;
  // No output schema: the server may still answer JSON (`ping`, `version`), which the method resolves with.
  const returnType = blob ? 'runtime.BlobOutput' : output ? (entry.outputType ?? 'unknown') : 'unknown';
  const [request, tags] = signatureParagraphs(entry, prefix, routeNames, returnType);
  return {
    name: entry.name,
    title: entry.title,
    stabilityNote: entry.stability === 'stable' ? undefined : entry.stability,
    docParagraphs: [entry.title, entry.description, blob ? BLOB_NOTE : undefined, request, scopesParagraph(entry.scopes), stability, tags],
    parameters,
    returnType,
    definition: {
      name: entry.name, method: entry.method, route: entry.route, args: entry.args, query: entry.query, input: entry.input !== undefined, output: blob ? BLOB_OUTPUT : output,
      // The reference's scope expression, exactly (requiredScopes gives it, InsufficientScopesError carries it).
      ...(entry.scopes !== undefined && { scopes: entry.scopes }),
    },
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
    // A constant part (e.g. routingKeyKind, always 'primary') is typed as that constant. `undefined`
    // reads as absent (a wildcard), as in the official client's topic-exchange methods, so that
    // `{ taskId: maybeId }` compiles under exactOptionalPropertyTypes.
    routingKey: entry.routingKey.map((part) => ({ name: part.name, type: `${part.constant !== undefined ? literal(part.constant) : 'string | number'} | undefined` })),
    messageType: entry.messageType ?? 'unknown',
    exchangeName: exchangePrefix + entry.exchange,
    definition: { name: entry.name, exchange: entry.exchange, routingKey: entry.routingKey },
  };
}

export interface ServiceView {
  serviceName: string;
  className: string;
  /** A second name for a class named as a global (`Object`), so that importing it need not shadow the global. */
  classAlias?: string;
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
    classAlias: api && GLOBAL_TYPE_NAMES.includes(service.className) ? `${service.className}Service` : undefined,
    eventsClassName: service.eventsClassName,
    namespace: isUsableName(camelCase(service.serviceName)) ? camelCase(service.serviceName) : `${camelCase(service.serviceName)}Service`,
    api: api && { apiVersion: api.apiVersion, title: api.title, docParagraphs: [api.title, api.description], methods: api.entries.map((entry) => methodView(entry, `/api/${service.serviceName}/${api.apiVersion}`)) },
    exchanges: exchanges && {
      apiVersion: exchanges.apiVersion,
      title: exchanges.title,
      exchangePrefix: exchanges.exchangePrefix,
      docParagraphs: [exchanges.title, exchanges.description],
      exchanges: exchanges.entries.map((entry) => exchangeView(entry, exchanges.exchangePrefix)),
    },
  };
}
