// Pagination over `continuationToken`, as a function beside the client rather than a member,
// so that it can never collide with an entry's name.
import { entryOfMethod, type Client } from './client.js';

/** The shape every paginated Taskcluster response shares. */
export interface Page {
  continuationToken?: string;
}

/**
 * Every page of a paginated entry (its query takes `continuationToken`), in order: the method is
 * called with `args` as given, then again with each page's `continuationToken` in the query,
 * until a page comes without one.
 *
 *   for await (const page of paginate(queue, queue.listTaskGroup, taskGroupId, { limit: 100 })) …
 */
export async function* paginate<Method extends (...args: never[]) => Promise<Page>>(
  client: Client,
  method: Method,
  ...args: Parameters<Method>
): AsyncGenerator<Awaited<ReturnType<Method>>, void, undefined> {
  const entry = entryOfMethod(client, method, 'paginate');
  if (!entry.query.includes('continuationToken')) {
    throw new TypeError(`paginate: ${entry.name} takes no continuationToken, so it is not paginated`);
  }
  const queryAt = entry.args.length + (entry.input ? 1 : 0);
  const query = (args[queryAt] ?? {}) as Record<string, unknown>;
  if (typeof query !== 'object' || query === null) throw new TypeError(`paginate: the query of ${entry.name} must be an object`);
  let token = query.continuationToken as string | undefined;
  do {
    const callArgs: unknown[] = [...args];
    while (callArgs.length < queryAt) callArgs.push(undefined);
    const { continuationToken: _previous, ...rest } = query;
    callArgs[queryAt] = token === undefined ? rest : { ...rest, continuationToken: token };
    const page = (await method.apply(client, callArgs as Parameters<Method>)) as Awaited<ReturnType<Method>>;
    yield page;
    token = page?.continuationToken || undefined;
  } while (token !== undefined);
}
