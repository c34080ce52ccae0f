// The base class of every generated service client, and callEntry, which generated
// methods delegate to. Per-instance state lives in a WeakMap so that no instance member
// can collide with an entry name (docs/contract.md): the only public instance members
// are buildUrl, buildSignedUrl, buildSignedUrlAsync, and use and taskclusterPerRequestInstance (named as the
// official client's; no v44 or v87 entry has those names, and the generator refuses them).
import { parseCallArgs, parseUrlArgs } from './args.js';
import { runCall } from './call.js';
import { fromEnvVars } from './env.js';
import { hawkBewit, hawkBewitAsync } from './hawk.js';
import { createState } from './state.js';
const STATES = new WeakMap();
/** Each generated method (a prototype's function) and its entry, for helpers given only the method (requiredScopes). */
const ENTRIES = new WeakMap();
/** The options each client was made with, for use() and the helpers beside the client. */
const OPTIONS = new WeakMap();
function stateOf(client) {
  const state = STATES.get(client);
  if (!state) throw new TypeError('not a Taskcluster client instance');
  return state;
}
/** The entry whose generated method is `method` (compared by identity). */
function entryOf(client, state, method, caller) {
  if (typeof method === 'function') {
    for (const [name, entry] of Object.entries(state.service.entries)) {
      if (client[name] === method) return entry;
    }
  }
  throw new TypeError(`${caller}(method, ...args): method must be an API method of this client, e.g. client.ping`);
}
export class Client {
  constructor(service, options) {
    const state = createState(service, options);
    STATES.set(this, state);
    for (const [name, entry] of Object.entries(service.entries)) {
      const method = this[name];
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
  use(optionsUpdates) {
    const options = { ...OPTIONS.get(this) };
    for (const [key, value] of Object.entries(optionsUpdates ?? {})) if (value !== undefined) options[key] = value;
    const Class = this.constructor;
    const derived = new Class(options);
    // Methods replaced on the instance (fakeClient) carry over, as the official `fake` option does through use().
    for (const name of Object.keys(stateOf(this).service.entries)) {
      if (Object.hasOwn(this, name)) Object.defineProperty(derived, name, Object.getOwnPropertyDescriptor(this, name));
    }
    return derived;
  }
  /**
   * The client to use while handling one incoming request: `use({ traceId })`, so each call sends
   * `x-taskcluster-trace-id`. `requestId` is accepted and, as in the official client, not sent.
   */
  taskclusterPerRequestInstance({ traceId }) {
    return this.use({ traceId });
  }
  /** Options from TASKCLUSTER_* environment variables, `overrides` on top (see env.ts). */
  static fromEnvVars(overrides, env) {
    return fromEnvVars(overrides, env);
  }
  buildUrl(method, ...args) {
    const state = stateOf(this);
    const entry = entryOf(this, state, method, 'buildUrl');
    const { route, used } = parseUrlArgs(entry, args);
    if (args.length > used) {
      throw new TypeError(
        `buildUrl(${entry.name}, ...) takes at most ${used} arguments after the method, got ${args.length}`,
      );
    }
    return state.origin + state.prefix + route;
  }
  buildSignedUrl(method, ...args) {
    const { input, url } = signedUrlParts(this, 'buildSignedUrl', method, args);
    return url(hawkBewit(input));
  }
  async buildSignedUrlAsync(method, ...args) {
    const { input, url } = signedUrlParts(this, 'buildSignedUrlAsync', method, args);
    return url(await hawkBewitAsync(input));
  }
}
/** What a bewit is computed from, and the URL around it (buildSignedUrl and buildSignedUrlAsync). */
function signedUrlParts(client, caller, method, args) {
  const state = stateOf(client);
  const entry = entryOf(client, state, method, caller);
  if (entry.method !== 'GET')
    throw new TypeError(`${caller} only works for GET entries; ${entry.name} is ${entry.method}`);
  const { route, used } = parseUrlArgs(entry, args);
  const expiration = signedUrlExpiration(args[used]);
  if (args.length > used + 1) {
    throw new TypeError(
      `${caller}(${entry.name}, ...) takes at most ${used + 1} arguments after the method, got ${args.length}`,
    );
  }
  const creds = state.credentials;
  if (!creds) throw new TypeError(`${caller} needs credentials (clientId and accessToken)`);
  const resource = state.prefix + route;
  const input = { ...creds, resource, target: state.target, ext: state.ext, ttlSec: expiration };
  return { input, url: (bewit) => `${state.origin}${resource}${route.includes('?') ? '&' : '?'}bewit=${bewit}` };
}
function signedUrlExpiration(options) {
  if (options === undefined) return 900;
  const expiration = options?.expiration;
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
export function callEntry(client, entry, args) {
  try {
    const state = stateOf(client);
    return runCall(state, entry, parseCallArgs(entry, args));
  } catch (err) {
    return Promise.reject(err);
  }
}
/** Records `method` (a stand-in for an entry's method, as fakeClient makes) as that entry's, for entryOfFunction. */
export function rememberMethod(method, entry) {
  ENTRIES.set(method, entry);
}
/** The entry of a generated method of a class some client was made of, given the function alone (see scopes.ts). */
export function entryOfFunction(method) {
  return typeof method === 'function' ? ENTRIES.get(method) : undefined;
}
/** The names of the client's API methods, in entry order, for helpers beside the client (see fake.ts). */
export function entryNamesOf(client) {
  return Object.keys(stateOf(client).service.entries);
}
/** The entry whose generated method is `method`, for helpers beside the client (see paginate.ts). */
export function entryOfMethod(client, method, caller) {
  return entryOf(client, stateOf(client), method, caller);
}
/**
 * The options `client` was made with (its dispatcher included), for helpers that make clients of
 * other services or send requests beside it (downloadArtifact, upload).
 */
export function optionsOf(client) {
  stateOf(client);
  return OPTIONS.get(client);
}
/** Close the keep-alive pool the client created (a dispatcher you passed in is yours to close). */
export async function closeClient(client) {
  const state = stateOf(client);
  if (state.ownsDispatcher) await state.dispatcher?.close();
}
