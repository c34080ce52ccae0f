// The base class of every generated service client, and callEntry, which generated
// methods delegate to. Per-instance state lives in a WeakMap so that no instance member
// can collide with an entry name (docs/contract.md): the only public instance members
// are buildUrl, buildSignedUrl, buildSignedUrlAsync, and use and taskclusterPerRequestInstance (named as the
// official client's; no v44 or v87 entry has those names, and the generator refuses them).
import { parseCallArgs, parseUrlArgs } from './args.js';
import { runCall } from './call.js';
import { fromEnvVars } from './env.js';
import { hawkBewit, hawkBewitAsync, type BewitInput } from './hawk.js';
import type { ApiMethod, SignedUrlArgs, UrlArgs } from './method-types.js';
import { createState, type ClientState } from './state.js';
import type { ClientOptions, EntryDefinition, ServiceDefinition } from './types.js';

// A generated service module imports this module alone (as `runtime`, service.ts.hbs): these are
// the types it names beside Client and callEntry. Importing one service then loads the client's own
// modules, not the runtime index with its object helpers, scopes and fakes (issue 23).
export type { CallOptions, ClientOptions, ServiceDefinition } from './types.js';
export type { Input } from './input.js';
export type { BlobOutput } from './blob.js';

const STATES = new WeakMap<object, ClientState>();
/** Each generated method (a prototype's function) and its entry, for helpers given only the method (requiredScopes). */
const ENTRIES = new WeakMap<Function, EntryDefinition>();
/** The options each client was made with, for use() and the helpers beside the client. */
const OPTIONS = new WeakMap<object, ClientOptions>();

function stateOf(client: object): ClientState {
  const state = STATES.get(client);
  if (!state) throw new TypeError('not a Taskcluster client instance');
  return state;
}

/** The entry whose generated method is `method` (compared by identity). */
function entryOf(client: object, state: ClientState, method: unknown, caller: string): EntryDefinition {
  if (typeof method === 'function') {
    for (const [name, entry] of Object.entries(state.service.entries)) {
      if ((client as Record<string, unknown>)[name] === method) return entry;
    }
  }
  throw new TypeError(`${caller}(method, ...args): method must be an API method of this client, e.g. client.ping`);
}

export interface SignedUrlOptions {
  /** Seconds the URL stays valid (default 900, as the official client). */
  expiration?: number;
}

export class Client {
  constructor(service: ServiceDefinition, options: ClientOptions) {
    const state = createState(service, options);
    STATES.set(this, state);
    for (const [name, entry] of Object.entries(service.entries)) {
      const method = (this as unknown as Record<string, unknown>)[name];
      if (typeof method === 'function') ENTRIES.set(method, entry);
    }
    OPTIONS.set(this, { ...options, dispatcher: state.dispatcher });
  }

  /**
   * A new client of the same class with `optionsUpdates` over this one's options (top-level keys;
   * keys set to undefined are ignored, as lodash's defaults in the official client's `use`).
   * This client is unchanged. The new one shares this client's connection pool unless
   * `optionsUpdates.dispatcher` is given; closeClient(original) closes it for both. On a
   * fakeClient the fakes carry over (recording into the same `calls`).
   *
   *   const restricted = queue.use({ authorizedScopes: ['queue:get-artifact:public/*'] });
   */
  use(optionsUpdates: Partial<ClientOptions>): this {
    const options: Record<string, unknown> = { ...OPTIONS.get(this) };
    for (const [key, value] of Object.entries(optionsUpdates ?? {})) if (value !== undefined) options[key] = value;
    const Class = this.constructor as new (options: ClientOptions) => this;
    const derived = new Class(options as unknown as ClientOptions);
    // Methods replaced on the instance (fakeClient) carry over, as the official `fake` option does through use().
    for (const name of Object.keys(stateOf(this).service.entries)) {
      if (Object.hasOwn(this, name)) Object.defineProperty(derived, name, Object.getOwnPropertyDescriptor(this, name)!);
    }
    return derived;
  }

  /**
   * The client to use while handling one incoming request: `use({ traceId })`, so each call sends
   * `x-taskcluster-trace-id`. `requestId` is accepted and, as in the official client, not sent.
   */
  taskclusterPerRequestInstance({ traceId }: { requestId?: string | undefined; traceId?: string | undefined }): this {
    return this.use({ traceId });
  }

  /** Options from TASKCLUSTER_* environment variables, `overrides` on top (see env.ts). */
  static fromEnvVars(overrides?: Partial<ClientOptions>, env?: NodeJS.ProcessEnv): ClientOptions {
    return fromEnvVars(overrides, env);
  }

  /**
   * The URL `method` (one of this client's API methods) would call with these route arguments
   * and query, typed from the method. Synchronous. Throws a TypeError for a method of another
   * client or missing route arguments (compile-time errors too).
   */
  buildUrl<M extends ApiMethod>(method: M, ...args: UrlArgs<this, M>): string;
  buildUrl(method: ApiMethod, ...args: unknown[]): string {
    const state = stateOf(this);
    const entry = entryOf(this, state, method, 'buildUrl');
    const { route, used } = parseUrlArgs(entry, args);
    if (args.length > used) {
      throw new TypeError(`buildUrl(${entry.name}, ...) takes at most ${used} arguments after the method, got ${args.length}`);
    }
    return state.origin + state.prefix + route;
  }

  /**
   * A URL with a Hawk bewit that works without credentials until it expires; GET entries
   * only (a compile-time error otherwise). Arguments as buildUrl, then optionally
   * `{ expiration }` in seconds. Synchronous. Throws a TypeError without credentials.
   */
  buildSignedUrl<M extends ApiMethod>(method: M, ...args: SignedUrlArgs<this, M, SignedUrlOptions>): string;
  buildSignedUrl(method: ApiMethod, ...args: unknown[]): string {
    const { input, url } = signedUrlParts(this, 'buildSignedUrl', method, args);
    return url(hawkBewit(input));
  }

  /**
   * buildSignedUrl on every platform: the same URL, as a Promise. In browsers, whose Web Crypto
   * is asynchronous only, this is the form that works (buildSignedUrl throws there).
   */
  buildSignedUrlAsync<M extends ApiMethod>(method: M, ...args: SignedUrlArgs<this, M, SignedUrlOptions>): Promise<string>;
  async buildSignedUrlAsync(method: ApiMethod, ...args: unknown[]): Promise<string> {
    const { input, url } = signedUrlParts(this, 'buildSignedUrlAsync', method, args);
    return url(await hawkBewitAsync(input));
  }
}

/** What a bewit is computed from, and the URL around it (buildSignedUrl and buildSignedUrlAsync). */
function signedUrlParts(client: Client, caller: string, method: unknown, args: unknown[]): { input: BewitInput; url: (bewit: string) => string } {
  const state = stateOf(client);
  const entry = entryOf(client, state, method, caller);
  if (entry.method !== 'GET') throw new TypeError(`${caller} only works for GET entries; ${entry.name} is ${entry.method}`);
  const { route, used } = parseUrlArgs(entry, args);
  const expiration = signedUrlExpiration(args[used]);
  if (args.length > used + 1) {
    throw new TypeError(`${caller}(${entry.name}, ...) takes at most ${used + 1} arguments after the method, got ${args.length}`);
  }
  const creds = state.credentials;
  if (!creds) throw new TypeError(`${caller} needs credentials (clientId and accessToken)`);
  const resource = state.prefix + route;
  const input = { ...creds, resource, target: state.target, ext: state.ext, ttlSec: expiration };
  return { input, url: (bewit) => `${state.origin}${resource}${route.includes('?') ? '&' : '?'}bewit=${bewit}` };
}

function signedUrlExpiration(options: unknown): number {
  if (options === undefined) return 900;
  const expiration = (options as SignedUrlOptions | null)?.expiration;
  if (typeof options !== 'object' || options === null || Object.keys(options).some((k) => k !== 'expiration')) {
    throw new TypeError('buildSignedUrl: the last argument must be { expiration } (seconds)');
  }
  if (expiration === undefined) return 900;
  if (typeof expiration !== 'number' || !Number.isFinite(expiration) || expiration <= 0) {
    throw new TypeError('buildSignedUrl: expiration must be a positive number of seconds');
  }
  return Math.floor(expiration);
}

/** What every generated method calls: validate `args` (see args.ts), then call. */
export function callEntry<T>(client: Client, entry: EntryDefinition, args: ArrayLike<unknown>): Promise<T> {
  try {
    const state = stateOf(client);
    return runCall(state, entry, parseCallArgs(entry, args)) as Promise<T>;
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Records `method` (a stand-in for an entry's method, as fakeClient makes) as that entry's, for entryOfFunction. */
export function rememberMethod(method: Function, entry: EntryDefinition): void {
  ENTRIES.set(method, entry);
}

/** The entry of a generated method of a class some client was made of, given the function alone (see scopes.ts). */
export function entryOfFunction(method: unknown): EntryDefinition | undefined {
  return typeof method === 'function' ? ENTRIES.get(method) : undefined;
}

/** The names of the client's API methods, in entry order, for helpers beside the client (see fake.ts). */
export function entryNamesOf(client: Client): string[] {
  return Object.keys(stateOf(client).service.entries);
}

/** The entry whose generated method is `method`, for helpers beside the client (see paginate.ts). */
export function entryOfMethod(client: Client, method: unknown, caller: string): EntryDefinition {
  return entryOf(client, stateOf(client), method, caller);
}

/**
 * The options `client` was made with (its dispatcher included), for helpers that make clients of
 * other services or send requests beside it (downloadArtifact, upload).
 */
export function optionsOf(client: Client): ClientOptions & { dispatcher: NonNullable<ClientOptions['dispatcher']> } {
  stateOf(client);
  return OPTIONS.get(client) as ClientOptions & { dispatcher: NonNullable<ClientOptions['dispatcher']> };
}

/** Close the keep-alive pool the client created (a dispatcher you passed in is yours to close). */
export async function closeClient(client: Client): Promise<void> {
  const state = stateOf(client);
  if (state.ownsDispatcher) await state.dispatcher?.close();
}
