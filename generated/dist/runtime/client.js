// The base class of every generated service client, and callEntry, which generated
// methods delegate to. Per-instance state lives in a WeakMap so that no instance member
// can collide with an entry name (docs/contract.md): the only public instance members
// are buildUrl and buildSignedUrl.
import { parseCallArgs, parseUrlArgs } from './args.js';
import { runCall } from './call.js';
import { fromEnvVars } from './env.js';
import { hawkBewit, hawkBewitAsync } from './hawk.js';
import { createState } from './state.js';
const STATES = new WeakMap();
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
    STATES.set(this, createState(service, options));
  }
  /** Options from TASKCLUSTER_* environment variables, `overrides` on top (see env.ts). */
  static fromEnvVars(overrides, env) {
    return fromEnvVars(overrides, env);
  }
  /** The URL `method` would call with these route arguments and query. Synchronous. */
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
  /**
   * A URL with a Hawk bewit that works without credentials until it expires; GET entries
   * only. Arguments as buildUrl, then optionally `{ expiration }` in seconds. Synchronous.
   */
  buildSignedUrl(method, ...args) {
    const { input, url } = signedUrlParts(this, 'buildSignedUrl', method, args);
    return url(hawkBewit(input));
  }
  /**
   * buildSignedUrl on every platform: the same URL, as a Promise. In browsers, whose Web Crypto
   * is asynchronous only, this is the form that works (buildSignedUrl throws there).
   */
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
/** The names of the client's API methods, in entry order, for helpers beside the client (see fake.ts). */
export function entryNamesOf(client) {
  return Object.keys(stateOf(client).service.entries);
}
/** The entry whose generated method is `method`, for helpers beside the client (see paginate.ts). */
export function entryOfMethod(client, method, caller) {
  return entryOf(client, stateOf(client), method, caller);
}
/** Close the keep-alive pool the client created (a dispatcher you passed in is yours to close). */
export async function closeClient(client) {
  const state = stateOf(client);
  if (state.ownsDispatcher) await state.dispatcher?.close();
}
