import * as runtime from '../runtime/client.js';
/**
 * A list of currently open purge-cache requests. Should not be used by workers.
 *
 * @see /schemas/purge-cache/v1/all-purge-cache-request-list.json#
 */
export interface OpenAllPurgeRequestsList {
  /**
   * Passed back from Azure to allow us to page through long result sets.
   *
   * @see /schemas/purge-cache/v1/all-purge-cache-request-list.json#/properties/continuationToken
   */
  continuationToken?: string;
  /**
   * @see /schemas/purge-cache/v1/all-purge-cache-request-list.json#/properties/requests
   */
  requests: PurgeCacheRequests;
}
/**
 * A list of currently open purge-cache requests.
 *
 * @see /schemas/purge-cache/v1/purge-cache-request-list.json#
 */
export interface OpenPurgeRequestList {
  /**
   * @see /schemas/purge-cache/v1/purge-cache-request-list.json#/properties/requests
   */
  requests: PurgeCacheRequests;
}
/**
 * Request that a message be published to purge a specific cache.
 *
 * @see /schemas/purge-cache/v1/purge-cache-request.json#
 */
export interface PurgeCacheRequest {
  /**
   * Name of cache to purge. Notice that if a `workerType` have multiple kinds
   * of caches (with independent names), it should purge all caches identified
   * by `cacheName` regardless of cache type.
   *
   * @see /schemas/purge-cache/v1/purge-cache-request.json#/properties/cacheName
   */
  cacheName: string;
}
/**
 * A list of Purge Cache requests that the Purge Cache service has previously received.
 *
 * Items: An entry in a list of Purge Cache Requests that the Purge Cache service has previously received.
 *
 * @see /schemas/purge-cache/v1/purge-cache-requests.json#
 */
export type PurgeCacheRequests = PurgeCacheRequestsEntry[];
/**
 * An entry in a list of Purge Cache Requests that the Purge Cache service has previously received.
 *
 * @see /schemas/purge-cache/v1/purge-cache-requests.json#/items
 */
export interface PurgeCacheRequestsEntry {
  /**
   * ProvisionerId associated with the workerType.
   *
   * - Syntax: `^([a-zA-Z0-9-_]*)$`
   * - Min length: 1
   * - Max length: 38
   *
   * @see /schemas/purge-cache/v1/purge-cache-requests.json#/items/properties/provisionerId
   */
  provisionerId: string;
  /**
   * Workertype cache exists on.
   *
   * - Syntax: `^([a-zA-Z0-9-_]*)$`
   * - Min length: 1
   * - Max length: 38
   *
   * @see /schemas/purge-cache/v1/purge-cache-requests.json#/items/properties/workerType
   */
  workerType: string;
  /**
   * Name of cache to purge.
   *
   * @see /schemas/purge-cache/v1/purge-cache-requests.json#/items/properties/cacheName
   */
  cacheName: string;
  /**
   * All caches that match this provisionerId, workerType, and cacheName must be destroyed if they were created _before_ this time.
   *
   * - Format: `date-time`
   *
   * @see /schemas/purge-cache/v1/purge-cache-requests.json#/items/properties/before
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
   *
   * Request: `GET /api/purge-cache/v1/ping` (below the root URL)
   *
   * @param options - this call's `signal` and `authorizedScopes`
   * @returns the JSON the server sent, or `undefined` when it sent none: the entry declares no output schema
   */
  ping(options?: runtime.CallOptions<'GET'>): Promise<unknown>;
  /**
   * Purge Worker Cache
   *
   * Publish a request to purge caches named `cacheName` with
   * on `provisionerId`/`workerType` workers.
   *
   * If such a request already exists, its `before` timestamp is updated to
   * the current time.
   *
   * Request: `POST /api/purge-cache/v1/purge-cache/<provisionerId>/<workerType>` (below the root URL)
   *
   * Required scopes:
   * - `purge-cache:<provisionerId>/<workerType>:<cacheName>`
   *
   * @param provisionerId - the route's `<provisionerId>` (strings are percent-encoded)
   * @param workerType - the route's `<workerType>` (strings are percent-encoded)
   * @param payload - the request body, {@link PurgeCacheRequest}, sent as JSON
   * @param options - this call's `signal` and `authorizedScopes`
   * @returns the JSON the server sent, or `undefined` when it sent none: the entry declares no output schema
   */
  purgeCache(
    provisionerId: string | number,
    workerType: string | number,
    payload: runtime.Input<PurgeCacheRequest>,
    options?: runtime.CallOptions<'POST'>,
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
   *
   * Request: `GET /api/purge-cache/v1/purge-cache/list` (below the root URL)
   *
   * @param query - the query string; keys: `continuationToken`, `limit`
   * @param options - this call's `signal` and `authorizedScopes`
   * @returns the response body, {@link OpenAllPurgeRequestsList}
   */
  allPurgeRequests(
    query?: {
      continuationToken?: string | number | boolean | undefined;
      limit?: string | number | boolean | undefined;
    },
    options?: runtime.CallOptions<'GET'>,
  ): Promise<OpenAllPurgeRequestsList>;
  /**
   * Open Purge Requests for a provisionerId/workerType pair
   *
   * List the caches for this `provisionerId`/`workerType` that should to
   * be purged if they are from before the time given in the response.
   *
   * This is intended to be used by workers to determine which caches to purge.
   *
   * Request: `GET /api/purge-cache/v1/purge-cache/<provisionerId>/<workerType>` (below the root URL)
   *
   * @param provisionerId - the route's `<provisionerId>` (strings are percent-encoded)
   * @param workerType - the route's `<workerType>` (strings are percent-encoded)
   * @param query - the query string; keys: `since`
   * @param options - this call's `signal` and `authorizedScopes`
   * @returns the response body, {@link OpenPurgeRequestList}
   */
  purgeRequests(
    provisionerId: string | number,
    workerType: string | number,
    query?: {
      since?: string | number | boolean | undefined;
    },
    options?: runtime.CallOptions<'GET'>,
  ): Promise<OpenPurgeRequestList>;
}
