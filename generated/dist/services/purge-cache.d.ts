import * as runtime from '../runtime/index.js';
/**
 * A list of currently open purge-cache requests. Should not be used by workers.
 */
export interface OpenAllPurgeRequestsList {
  /**
   * Passed back from Azure to allow us to page through long result sets.
   */
  continuationToken?: string;
  requests: PurgeCacheRequests;
}
/**
 * A list of currently open purge-cache requests.
 */
export interface OpenPurgeRequestList {
  requests: PurgeCacheRequests;
}
/**
 * Request that a message be published to purge a specific cache.
 */
export interface PurgeCacheRequest {
  /**
   * Name of cache to purge. Notice that if a `workerType` have multiple kinds
   * of caches (with independent names), it should purge all caches identified
   * by `cacheName` regardless of cache type.
   */
  cacheName: string;
}
/**
 * A list of Purge Cache requests that the Purge Cache service has previously received.
 *
 * Items: An entry in a list of Purge Cache Requests that the Purge Cache service has previously received.
 */
export type PurgeCacheRequests = PurgeCacheRequestsEntry[];
/**
 * An entry in a list of Purge Cache Requests that the Purge Cache service has previously received.
 */
export interface PurgeCacheRequestsEntry {
  /**
   * ProvisionerId associated with the workerType.
   */
  provisionerId: string;
  /**
   * Workertype cache exists on.
   */
  workerType: string;
  /**
   * Name of cache to purge.
   */
  cacheName: string;
  /**
   * All caches that match this provisionerId, workerType, and cacheName must be destroyed if they were created _before_ this time.
   */
  before: string;
}
/**
 * Purge Cache API Documentation
 *
 * The purge-cache service is responsible for tracking cache-purge requests.
 *
 * User create purge requests for specific caches on specific workers, and
 * these requests are timestamped.  Workers consult the service before
 * starting a new task, and purge any caches older than the timestamp.
 */
export declare class PurgeCache extends runtime.Client {
  constructor(options: runtime.ClientOptions);
  /** A client configured from the TASKCLUSTER_* environment variables, `overrides` on top. */
  static fromEnv(overrides?: Partial<runtime.ClientOptions>): PurgeCache;
  /**
   * Ping Server
   *
   * Respond without doing anything.
   * This endpoint is used to check that the service is up.
   */
  ping(options?: runtime.CallOptions): Promise<unknown>;
  /**
   * Purge Worker Cache
   *
   * Publish a request to purge caches named `cacheName` with
   * on `provisionerId`/`workerType` workers.
   *
   * If such a request already exists, its `before` timestamp is updated to
   * the current time.
   *
   * Required scopes:
   * - `purge-cache:<provisionerId>/<workerType>:<cacheName>`
   */
  purgeCache(
    provisionerId: string | number,
    workerType: string | number,
    payload: PurgeCacheRequest,
    options?: runtime.CallOptions,
  ): Promise<unknown>;
  /**
   * All Open Purge Requests
   *
   * View all active purge requests.
   *
   * This is useful mostly for administors to view
   * the set of open purge requests. It should not
   * be used by workers. They should use the purgeRequests
   * endpoint that is specific to their workerType and
   * provisionerId.
   */
  allPurgeRequests(
    query?: {
      continuationToken?: string | number | boolean;
      limit?: string | number | boolean;
    },
    options?: runtime.CallOptions,
  ): Promise<OpenAllPurgeRequestsList>;
  /**
   * Open Purge Requests for a provisionerId/workerType pair
   *
   * List the caches for this `provisionerId`/`workerType` that should to
   * be purged if they are from before the time given in the response.
   *
   * This is intended to be used by workers to determine which caches to purge.
   */
  purgeRequests(
    provisionerId: string | number,
    workerType: string | number,
    query?: {
      since?: string | number | boolean;
    },
    options?: runtime.CallOptions,
  ): Promise<OpenPurgeRequestList>;
}
