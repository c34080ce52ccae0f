import type { ClientOptions, EntryDefinition, ServiceDefinition } from './types.js';
export interface SignedUrlOptions {
  /** Seconds the URL stays valid (default 900, as the official client). */
  expiration?: number;
}
export declare class Client {
  constructor(service: ServiceDefinition, options: ClientOptions);
  /** Options from TASKCLUSTER_* environment variables, `overrides` on top (see env.ts). */
  static fromEnvVars(overrides?: Partial<ClientOptions>, env?: NodeJS.ProcessEnv): ClientOptions;
  /** The URL `method` would call with these route arguments and query. Synchronous. */
  buildUrl(method: (...args: never[]) => unknown, ...args: unknown[]): string;
  /**
   * A URL with a Hawk bewit that works without credentials until it expires; GET entries
   * only. Arguments as buildUrl, then optionally `{ expiration }` in seconds. Synchronous.
   */
  buildSignedUrl(method: (...args: never[]) => unknown, ...args: unknown[]): string;
  /**
   * buildSignedUrl on every platform: the same URL, as a Promise. In browsers, whose Web Crypto
   * is asynchronous only, this is the form that works (buildSignedUrl throws there).
   */
  buildSignedUrlAsync(method: (...args: never[]) => unknown, ...args: unknown[]): Promise<string>;
}
/** What every generated method calls: validate `args` (see args.ts), then call. */
export declare function callEntry<T>(client: Client, entry: EntryDefinition, args: ArrayLike<unknown>): Promise<T>;
/** The names of the client's API methods, in entry order, for helpers beside the client (see fake.ts). */
export declare function entryNamesOf(client: Client): string[];
/** The entry whose generated method is `method`, for helpers beside the client (see paginate.ts). */
export declare function entryOfMethod(client: Client, method: unknown, caller: string): EntryDefinition;
/** Close the keep-alive pool the client created (a dispatcher you passed in is yours to close). */
export declare function closeClient(client: Client): Promise<void>;
