import { type Client } from './client.js';
import type { ClientOptions } from './types.js';
export interface FakeCall {
  method: string;
  args: unknown[];
}
/** Implementations for some of a client's API methods, each typed as the method it replaces. */
export type FakeMethods<C> = {
  [K in keyof C]?: C[K] extends (...args: infer A) => infer R ? (this: C, ...args: A) => R : never;
};
/**
 * A `Class` instance that sends nothing: each API method calls its implementation from
 * `methods` (and records the call in `calls`), or rejects when it has none. buildUrl,
 * buildSignedUrl and paginate work on it as on a real client.
 *
 *   const { client, calls } = fakeClient(PurgeCache, { purgeRequests: async () => ({ requests: [] }) });
 */
export declare function fakeClient<C extends Client>(
  Class: new (options: ClientOptions) => C,
  methods?: FakeMethods<C>,
): {
  client: C;
  calls: FakeCall[];
};
