import type { Dispatcher } from 'undici';
/** One API function entry of a service, as the generator emits it from the reference. */
export interface EntryDefinition {
  readonly name: string;
  /** Upper-case HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';
  /** Route with `<arg>` placeholders, e.g. `/purge-cache/<workerPoolId>`. */
  readonly route: string;
  /** Route arguments in the order the method takes them. */
  readonly args: readonly string[];
  /** Allowed query-string keys. */
  readonly query: readonly string[];
  /** The entry takes a JSON payload. */
  readonly input: boolean;
  /**
   * The entry declares an output schema (its method returns `Promise<Output>`): an answer
   * without a JSON body is then an error. Without one, the method returns `Promise<unknown>`:
   * the parsed body when the answer is JSON, else undefined (see response.ts). `'blob'`: the
   * output is not JSON, and a 2xx body is given to the caller as a Blob (see blob.ts).
   */
  readonly output: boolean | 'blob';
  /** The reference's scope expression, kept for documentation and tooling. */
  readonly scopes?: unknown;
}
export interface ServiceDefinition {
  readonly serviceName: string;
  readonly apiVersion: string;
  /** The generated package's version, sent in the User-Agent (see user-agent.ts). */
  readonly packageVersion?: string;
  readonly entries: {
    readonly [name: string]: EntryDefinition;
  };
}
export interface RoutingKeyDefinition {
  readonly name: string;
  readonly multipleWords: boolean;
  readonly required: boolean;
  readonly constant?: string;
  readonly summary?: string;
}
export interface ExchangeDefinition {
  readonly name: string;
  /** Exchange name without the prefix, e.g. `task-defined`. */
  readonly exchange: string;
  readonly routingKey: readonly RoutingKeyDefinition[];
}
export interface ExchangesDefinition {
  readonly exchangePrefix: string;
  readonly serviceName: string;
  readonly apiVersion: string;
  readonly entries: {
    readonly [name: string]: ExchangeDefinition;
  };
}
/** A temporary-credentials certificate (Taskcluster's version 1). */
export interface Certificate {
  version: 1;
  scopes: string[];
  start: number;
  expiry: number;
  seed: string;
  signature: string;
  issuer?: string;
}
export interface Credentials {
  clientId: string;
  accessToken: string;
  /** Present for temporary credentials: the certificate, as JSON text or parsed. */
  certificate?: string | Certificate | null | undefined;
}
export interface ClientOptions {
  /** Deployment root URL, e.g. `https://tc.example.com` (http or https only). */
  rootUrl: string;
  /** Without credentials (or without a clientId) requests are sent unsigned. */
  credentials?: Credentials | undefined;
  /** Restrict every call of this client to these scopes (a subset of the credentials' scopes). */
  authorizedScopes?: readonly string[] | undefined;
  /** Retries after the first attempt (default 5: up to 6 attempts). */
  retries?: number | undefined;
  /** Backoff base in ms (default 100): delay after attempt n is delayFactor * 2^n, randomized. */
  delayFactor?: number | undefined;
  /** Randomization of each delay, in [0, 1) (default 0.25). */
  randomizationFactor?: number | undefined;
  /** Upper bound of one delay in ms (default 30 000), also caps Retry-After. */
  maxDelay?: number | undefined;
  /** Per-attempt timeout in ms (default 30 000). */
  timeout?: number | undefined;
  /** undici dispatcher (Agent, Pool, ProxyAgent, MockAgent…); default: one keep-alive Agent per client. */
  dispatcher?: Dispatcher | undefined;
  /** Cancels every call of this client, immediately, also during a backoff sleep. */
  signal?: AbortSignal | undefined;
  /** Sent as `x-taskcluster-trace-id` on every call, as the official client's `traceId` option. */
  traceId?: string | undefined;
  /** Validate every call's payload and response against the entry's schemas (`schemaValidation()` of `<package>/validation`); off by default. */
  validate?: SchemaValidation | undefined;
}
/** Type-only key: no value exists at run time (see CallOptions). */
declare const entryHttpMethod: unique symbol;
/**
 * Options of one call. `Method` is the entry's HTTP method, for the types only: it lets
 * buildSignedUrl refuse, at compile time, a method that is not a GET entry.
 */
export interface CallOptions<Method extends EntryDefinition['method'] = EntryDefinition['method']> {
  /** Never set: carries the entry's HTTP method in the method's type. */
  readonly [entryHttpMethod]?: Method;
  /** Cancels this call, immediately, also during a backoff sleep. */
  signal?: AbortSignal | undefined;
  /** Restrict this call to these scopes; overrides ClientOptions.authorizedScopes. */
  authorizedScopes?: readonly string[] | undefined;
  /** Schema validation for this call (`<package>/validation`), or false to skip the client's; overrides ClientOptions.validate. */
  validate?: SchemaValidation | false | undefined;
}
/** What a call tells schema validation: the service, the entry and the root URL (schemas live at `<rootUrl>/schemas/…`). */
export interface ValidationContext {
  readonly serviceName: string;
  readonly entry: EntryDefinition;
  readonly rootUrl: string;
}
/**
 * Checks requests and responses against the entries' JSON schemas. Made by `schemaValidation()`
 * of `<package>/validation`, which alone loads the validator (ajv): the client only calls it.
 */
export interface SchemaValidation {
  /** Rejects with a SchemaValidationError when `payload` does not match the entry's input schema: nothing is sent then. */
  checkRequest(context: ValidationContext, payload: unknown): Promise<void>;
  /** The value to resolve with; rejects with a SchemaValidationError (or warns, as configured) when it does not match the output schema. */
  checkResponse(context: ValidationContext, value: unknown): Promise<unknown>;
}
export interface EventsOptions {
  /** Accepted for symmetry with ClientOptions; bindings do not depend on it. */
  rootUrl?: string | undefined;
}
/** Never present at run time: the key of Binding's type-only member. */
declare const messageType: unique symbol;
/**
 * What the official client's exchange methods return; feed it to a Pulse consumer
 * (`consume` from the package's `/pulse` subpath). The generated events methods fill in
 * `Message` (the exchange's message type) and `Exchange` (the full exchange name), which
 * `consume` uses to type each message; the object itself has only the three fields.
 */
export interface Binding<Message = unknown, Exchange extends string = string> {
  exchange: Exchange;
  routingKeyPattern: string;
  routingKeyReference: RoutingKeyDefinition[];
  /** Type only, never set: carries `Message` so that `consume` can infer it. */
  readonly [messageType]?: Message;
}
export {};
