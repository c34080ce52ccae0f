import { type Client } from './client.js';
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
export declare function paginate<Method extends (...args: never[]) => Promise<Page>>(
  client: Client,
  method: Method,
  ...args: Parameters<Method>
): AsyncGenerator<Awaited<ReturnType<Method>>, void, undefined>;
