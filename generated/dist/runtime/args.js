import { queryString, routePath } from './url.js';
const CALL_OPTION_KEYS = new Set(['signal', 'authorizedScopes', 'validate']);
function arity(entry) {
  const parts = [...entry.args];
  if (entry.input) parts.push('payload');
  if (entry.query.length > 0) parts.push('query?');
  parts.push('options?');
  return `${entry.name}(${parts.join(', ')})`;
}
function checkCallOptions(entry, value) {
  if (value === undefined) return undefined;
  const notOptions = () =>
    new TypeError(
      entry.input || entry.query.length > 0
        ? `${arity(entry)}: the last argument must be CallOptions ({ signal, authorizedScopes })`
        : `${arity(entry)} takes no payload: the only argument allowed is CallOptions ({ signal, authorizedScopes })`,
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notOptions();
  for (const key of Object.keys(value)) if (!CALL_OPTION_KEYS.has(key)) throw notOptions();
  const { signal, authorizedScopes } = value;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${entry.name}: options.signal must be an AbortSignal`);
  }
  if (authorizedScopes !== undefined && !isStringArray(authorizedScopes)) {
    throw new TypeError(`${entry.name}: options.authorizedScopes must be an array of strings`);
  }
  const { validate } = value;
  if (validate !== undefined && validate !== false && typeof validate.checkRequest !== 'function') {
    throw new TypeError(
      `${entry.name}: options.validate must be schemaValidation() from the package's /validation, or false`,
    );
  }
  return value;
}
export function isStringArray(value) {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}
/** Validate and split the arguments a generated method received. */
export function parseCallArgs(entry, args) {
  let i = entry.args.length;
  if (args.length < i) {
    throw new TypeError(`${arity(entry)}: missing route argument ${entry.args[args.length]}`);
  }
  const path = routePath(entry, args);
  let payload;
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
export function parseUrlArgs(entry, args) {
  let used = entry.args.length;
  if (args.length < used) {
    throw new TypeError(`buildUrl(${entry.name}): missing route argument ${entry.args[args.length]}`);
  }
  let route = routePath(entry, args);
  if (entry.query.length > 0 && args.length > used) route += queryString(entry, args[used++]);
  return { route, used };
}
