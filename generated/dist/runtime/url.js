// URL building: `<rootUrl>/api/<service>/<apiVersion><route>`, route arguments through
// encodeURIComponent and the query as node:querystring writes it, as the official client does
// (taskcluster-lib-urls + querystring.stringify: a space becomes %20, not +), with ' as %27 as
// the official client sends it (querystring.ts).
import { stringify } from './querystring.js';
/**
 * Parse and check a root URL: http(s) only, no user info, query or fragment. Every trailing
 * slash is dropped, as taskcluster-lib-urls' normalizeRootUrl does (`https://tc.example.com///`
 * is `https://tc.example.com`; a path is kept: `https://host/tc//` is `https://host/tc`).
 */
export function parseRootUrl(rootUrl) {
  if (typeof rootUrl !== 'string' || rootUrl === '') {
    throw new TypeError('rootUrl is required (e.g. https://tc.example.com)');
  }
  let url;
  try {
    url = new URL(rootUrl.replace(/\/+$/, ''));
  } catch {
    throw new TypeError(`rootUrl is not a valid URL: ${JSON.stringify(rootUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`rootUrl must be an http or https URL, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('rootUrl must not contain user info');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('rootUrl must not contain a query or fragment');
  }
  return url;
}
/** Path prefix of every call of a service, e.g. `/api/queue/v1` (keeps a root URL's own path). */
export function servicePrefix(root, serviceName, apiVersion) {
  const base = root.pathname === '/' ? '' : root.pathname.replace(/\/+$/, '');
  return `${base}/api/${serviceName}/${apiVersion}`;
}
/**
 * The route with its `<arg>` placeholders replaced; `values[i]` belongs to `entry.args[i]`.
 * Always one leading slash: taskcluster-lib-urls' api() strips the route's leading slashes and
 * joins with one.
 */
export function routePath(entry, values) {
  return (
    '/' +
    entry.route.replace(/^\/+/, '').replace(/<([^<>]+)>/g, (text, name) => {
      const index = entry.args.indexOf(name);
      if (index === -1) return text; // not an argument: kept, as the official client does
      const value = values[index];
      // '' is a value, as in the official client (src/client.js checks only string or number): the
      // index's listNamespaces('') and listTasks('') list the root namespace, and the services answer them.
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new TypeError(`${entry.name}: route argument ${name} must be a string, got ${describe(value)}`);
      }
      return encodeURIComponent(value);
    })
  );
}
/** `?k=v&…` for the given query object (undefined values left out), or '' when empty. */
export function queryString(entry, query) {
  if (query === undefined || query === null) return '';
  if (typeof query !== 'object' || Array.isArray(query)) {
    throw new TypeError(`${entry.name}: query must be an object, got ${describe(query)}`);
  }
  const defined = {};
  for (const [key, value] of Object.entries(query)) {
    if (!entry.query.includes(key)) {
      const allowed = entry.query.length > 0 ? entry.query.join(', ') : 'none';
      throw new TypeError(`${entry.name}: unknown query key ${JSON.stringify(key)} (allowed: ${allowed})`);
    }
    if (value !== undefined) defined[key] = value;
  }
  const text = stringify(defined);
  return text === '' ? '' : `?${text}`;
}
/** A short description of a value for error messages (never the value of an object). */
export function describe(value) {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value === '') return 'an empty string';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
