import type { EntryDefinition } from './types.js';
/**
 * Parse and check a root URL: http(s) only, no user info, query or fragment. Every trailing
 * slash is dropped, as taskcluster-lib-urls' normalizeRootUrl does (`https://tc.example.com///`
 * is `https://tc.example.com`; a path is kept: `https://host/tc//` is `https://host/tc`).
 */
export declare function parseRootUrl(rootUrl: unknown): URL;
/** Path prefix of every call of a service, e.g. `/api/queue/v1` (keeps a root URL's own path). */
export declare function servicePrefix(root: URL, serviceName: string, apiVersion: string): string;
/**
 * The route with its `<arg>` placeholders replaced; `values[i]` belongs to `entry.args[i]`.
 * Always one leading slash: taskcluster-lib-urls' api() strips the route's leading slashes and
 * joins with one.
 */
export declare function routePath(entry: EntryDefinition, values: ArrayLike<unknown>): string;
/** `?k=v&…` for the given query object (undefined values left out), or '' when empty. */
export declare function queryString(entry: EntryDefinition, query: unknown): string;
/** A short description of a value for error messages (never the value of an object). */
export declare function describe(value: unknown): string;
