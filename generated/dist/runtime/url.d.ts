import type { EntryDefinition } from './types.js';
/** Parse and check a root URL: http(s) only, no user info; its trailing slash is dropped. */
export declare function parseRootUrl(rootUrl: unknown): URL;
/** Path prefix of every call of a service, e.g. `/api/queue/v1` (keeps a root URL's own path). */
export declare function servicePrefix(root: URL, serviceName: string, apiVersion: string): string;
/** The route with its `<arg>` placeholders replaced; `values[i]` belongs to `entry.args[i]`. */
export declare function routePath(entry: EntryDefinition, values: ArrayLike<unknown>): string;
/** `?k=v&…` for the given query object (undefined values left out), or '' when empty. */
export declare function queryString(entry: EntryDefinition, query: unknown): string;
/** A short description of a value for error messages (never the value of an object). */
export declare function describe(value: unknown): string;
