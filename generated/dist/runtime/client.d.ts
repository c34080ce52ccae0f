import type { ApiMethod, SignedUrlArgs, UrlArgs } from './method-types.js';
import type { ClientOptions, EntryDefinition, ServiceDefinition } from './types.js';
export type { CallOptions, ClientOptions, ServiceDefinition } from './types.js';
export type { Input } from './input.js';
export type { BlobOutput } from './blob.js';
export interface SignedUrlOptions {
  /** Seconds the URL stays valid (default 900, as the official client). */
  expiration?: number;
}
export declare class Client {
  constructor(service: ServiceDefinition, options: ClientOptions);
  /**
   * A new client of the same class with `optionsUpdates` over this one's options (top-level keys;
   * keys set to undefined are ignored, as lodash's defaults in the official client's `use`).
   * This client is unchanged. The new one shares this client's connection pool unless
   * `optionsUpdates.dispatcher` is given; closeClient(original) closes it for both. On a
   * fakeClient the fakes carry over (recording into the same `calls`).
   *
   *   const restricted = queue.use({ authorizedScopes: ['queue:get-artifact:public/*'] });
   */
  use(optionsUpdates: Partial<ClientOptions>): this;
  /**
   * The client to use while handling one incoming request: `use({ traceId })`, so each call sends
   * `x-taskcluster-trace-id`. `requestId` is accepted and, as in the official client, not sent.
   */
  taskclusterPerRequestInstance({ traceId }: { requestId?: string | undefined; traceId?: string | undefined }): this;
  /** Options from TASKCLUSTER_* environment variables, `overrides` on top (see env.ts). */
  static fromEnvVars(overrides?: Partial<ClientOptions>, env?: NodeJS.ProcessEnv): ClientOptions;
  /**
   * The URL `method` (one of this client's API methods) would call with these route arguments
   * and query, typed from the method. Synchronous. Throws a TypeError for a method of another
   * client or missing route arguments (compile-time errors too).
   */
  buildUrl<M extends ApiMethod>(method: M, ...args: UrlArgs<this, M>): string;
  /**
   * A URL with a Hawk bewit that works without credentials until it expires; GET entries
   * only (a compile-time error otherwise). Arguments as buildUrl, then optionally
   * `{ expiration }` in seconds. Synchronous. Throws a TypeError without credentials.
   */
  buildSignedUrl<M extends ApiMethod>(method: M, ...args: SignedUrlArgs<this, M, SignedUrlOptions>): string;
  /**
   * buildSignedUrl on every platform: the same URL, as a Promise. In browsers, whose Web Crypto
   * is asynchronous only, this is the form that works (buildSignedUrl throws there).
   */
  buildSignedUrlAsync<M extends ApiMethod>(
    method: M,
    ...args: SignedUrlArgs<this, M, SignedUrlOptions>
  ): Promise<string>;
}
/** What every generated method calls: validate `args` (see args.ts), then call. */
export declare function callEntry<T>(client: Client, entry: EntryDefinition, args: ArrayLike<unknown>): Promise<T>;
/** Records `method` (a stand-in for an entry's method, as fakeClient makes) as that entry's, for entryOfFunction. */
export declare function rememberMethod(method: Function, entry: EntryDefinition): void;
/** The entry of a generated method of a class some client was made of, given the function alone (see scopes.ts). */
export declare function entryOfFunction(method: unknown): EntryDefinition | undefined;
/** The names of the client's API methods, in entry order, for helpers beside the client (see fake.ts). */
export declare function entryNamesOf(client: Client): string[];
/** The entry whose generated method is `method`, for helpers beside the client (see paginate.ts). */
export declare function entryOfMethod(client: Client, method: unknown, caller: string): EntryDefinition;
/**
 * The options `client` was made with (its dispatcher included), for helpers that make clients of
 * other services or send requests beside it (downloadArtifact, upload).
 */
export declare function optionsOf(client: Client): ClientOptions & {
  dispatcher: NonNullable<ClientOptions['dispatcher']>;
};
/** Close the keep-alive pool the client created (a dispatcher you passed in is yours to close). */
export declare function closeClient(client: Client): Promise<void>;
