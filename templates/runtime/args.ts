// Positional argument parsing for generated methods (docs/contract.md): route args, then
// the payload when the entry takes one, then the query object when it has query keys,
// then CallOptions. Every check happens here, before any request is made.
import type { CallOptions, EntryDefinition } from './types.js';
import { queryString, routePath } from './url.js';

const CALL_OPTION_KEYS: ReadonlySet<string> = new Set(['signal', 'authorizedScopes', 'validate']);

export interface ParsedCall {
  /** Route with arguments substituted, plus `?query` when there is one. */
  route: string;
  /** The payload; undefined when the entry takes none. */
  payload: unknown;
  options: CallOptions | undefined;
}

function arity(entry: EntryDefinition): string {
  const parts = [...entry.args];
  if (entry.input) parts.push('payload');
  if (entry.query.length > 0) parts.push('query?');
  parts.push('options?');
  return `${entry.name}(${parts.join(', ')})`;
}

function checkCallOptions(entry: EntryDefinition, value: unknown): CallOptions | undefined {
  if (value === undefined) return undefined;
  const notOptions = (): TypeError =>
    new TypeError(
      entry.input || entry.query.length > 0
        ? `${arity(entry)}: the last argument must be CallOptions ({ signal, authorizedScopes })`
        : `${arity(entry)} takes no payload: the only argument allowed is CallOptions ({ signal, authorizedScopes })`,
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notOptions();
  for (const key of Object.keys(value)) if (!CALL_OPTION_KEYS.has(key)) throw notOptions();
  const { signal, authorizedScopes } = value as CallOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${entry.name}: options.signal must be an AbortSignal`);
  }
  if (authorizedScopes !== undefined && !isStringArray(authorizedScopes)) {
    throw new TypeError(`${entry.name}: options.authorizedScopes must be an array of strings`);
  }
  const { validate } = value as CallOptions;
  if (validate !== undefined && validate !== false && typeof (validate as { checkRequest?: unknown }).checkRequest !== 'function') {
    throw new TypeError(`${entry.name}: options.validate must be schemaValidation() from the package's /validation, or false`);
  }
  return value as CallOptions;
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

/** Validate and split the arguments a generated method received. */
export function parseCallArgs(entry: EntryDefinition, args: ArrayLike<unknown>): ParsedCall {
  let i = entry.args.length;
  if (args.length < i) {
    throw new TypeError(`${arity(entry)}: missing route argument ${entry.args[args.length]}`);
  }
  const path = routePath(entry, args);
  let payload: unknown;
  if (entry.input) {
    payload = args[i++];
    if (payload === undefined) throw new TypeError(`${arity(entry)}: the payload is missing`);
  }
  let query = '';
  if (entry.query.length > 0) query = queryString(entry, args[i++]);
  const options = checkCallOptions(entry, args[i++]);
  if (args.length > i) {
    throw new TypeError(`${arity(entry)} takes at most ${i} arguments, got ${args.length}`);
  }
  return { route: path + query, payload, options };
}

/**
 * Route and query for buildUrl/buildSignedUrl: route args then, when the entry has query
 * keys, the query object. Returns how many arguments were used so the caller can read on.
 */
export function parseUrlArgs(entry: EntryDefinition, args: ArrayLike<unknown>): { route: string; used: number } {
  let used = entry.args.length;
  if (args.length < used) {
    throw new TypeError(`buildUrl(${entry.name}): missing route argument ${entry.args[args.length]}`);
  }
  let route = routePath(entry, args);
  if (entry.query.length > 0 && args.length > used) route += queryString(entry, args[used++]);
  return { route, used };
}

