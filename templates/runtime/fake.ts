// Typed fakes for an application's tests: a real client object whose API methods are replaced
// by the implementations given, every call recorded. Returned beside the client, not as a
// member of it, so that no entry name can collide with it.
import { entryNamesOf, entryOfMethod, rememberMethod, type Client } from './client.js';
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
export function fakeClient<C extends Client>(Class: new (options: ClientOptions) => C, methods: FakeMethods<C> = {}): { client: C; calls: FakeCall[] } {
  const client = new Class({ rootUrl: 'https://fake.invalid', retries: 0 });
  const names = entryNamesOf(client);
  const unknown = Object.keys(methods).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new TypeError(`fakeClient: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an API method' : 'are not API methods'} of ${Class.name}`);
  }
  const calls: FakeCall[] = [];
  const implementations = methods as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  for (const name of names) {
    const implementation = implementations[name];
    const fake = function (this: C, ...args: unknown[]): Promise<unknown> {
      calls.push({ method: name, args });
      if (implementation === undefined) return Promise.reject(new TypeError(`${Class.name}.${name} is not faked`));
      return Promise.resolve().then(() => implementation.apply(this, args));
    };
    // requiredScopes(fake.method) works as on the real client
    rememberMethod(fake, entryOfMethod(client, (client as unknown as Record<string, unknown>)[name], 'fakeClient'));
    Object.defineProperty(client, name, { value: fake, writable: true, configurable: true });
  }
  return { client, calls };
}
