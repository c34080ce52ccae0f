import type { Readable, Writable } from 'node:stream';
import { type Client } from './client.js';
import { DATA_INLINE_MAX_SIZE } from './object-common.js';
import { type ContentHashes } from './hashing.js';
import { type RetryOptions } from './retry.js';
import type { CallOptions } from './types.js';
export { DATA_INLINE_MAX_SIZE };
/** Retry settings of the PUT/GET of a transfer; defaults as for API calls (5 retries, 100 ms, 0.25, 30 s). */
export interface TransferRetryOptions {
  retries?: number | undefined;
  delayFactor?: number | undefined;
  randomizationFactor?: number | undefined;
  maxDelay?: number | undefined;
  /** Cancels the transfer, also between attempts. */
  signal?: AbortSignal | undefined;
}
/** The object-service methods upload and download call: any generated `Object` client (v87) fits. */
export interface ObjectClient extends Client {
  createUpload(name: string, payload: CreateUploadPayload, options?: CallOptions): Promise<unknown>;
  finishUpload(name: string, payload: FinishUploadPayload, options?: CallOptions): Promise<unknown>;
  startDownload(name: string, payload: StartDownloadPayload, options?: CallOptions): Promise<unknown>;
}
export interface CreateUploadPayload {
  projectId: string;
  uploadId: string;
  expires: string;
  proposedUploadMethods: {
    dataInline?: {
      contentType: string;
      objectData: string;
    };
    putUrl?: {
      contentType: string;
      contentLength: number;
    };
  };
}
export interface FinishUploadPayload {
  projectId: string;
  uploadId: string;
  hashes?: Partial<ContentHashes>;
}
export interface StartDownloadPayload {
  acceptDownloadMethods: {
    getUrl?: true;
    simple?: true;
  };
}
export interface UploadOptions extends TransferRetryOptions {
  projectId: string;
  /** The object's name. */
  name: string;
  contentType: string;
  /** Bytes the streams give; checked against what was read. */
  contentLength: number;
  /** When the object expires (a Date, or an ISO 8601 string as fromNowJSON returns). */
  expires: Date | string;
  object: ObjectClient;
  /** Called for each attempt (and once more for dataInline): a fresh stream of the same bytes each time. */
  streamFactory: () => Readable | Promise<Readable>;
  /** Default: a new slugid. Reusing one continues an upload the service knows. */
  uploadId?: string | undefined;
  /**
   * Whether to propose `dataInline` (the body base64 in createUpload). Default: when
   * contentLength < 8192 bytes, as the official client. `putUrl` is always proposed.
   */
  dataInline?: boolean | undefined;
}
export interface UploadResult {
  uploadId: string;
  /** The method the object service chose. */
  uploadMethod: 'dataInline' | 'putUrl';
  /** What was sent to finishUpload. */
  hashes: ContentHashes;
}
/** The retry settings of a transfer, defaults filled in and checked. */
export declare function retryOf(options: TransferRetryOptions): RetryOptions;
/**
 * Uploads data to the object service (the official client's `upload`): createUpload proposing
 * dataInline (small bodies) and putUrl; for putUrl, a PUT of a fresh stream to the returned URL
 * with the returned headers, retried on 5xx and network errors with backoff; then finishUpload
 * with the sha256 and sha512 of the bytes sent.
 * @throws TaskclusterError from the API calls or a PUT that failed for good (4xx, or retries
 *   spent); RangeError when the streams' length differs from contentLength; Error when the
 *   service accepted no proposed method.
 */
export declare function upload(options: UploadOptions): Promise<UploadResult>;
export interface DownloadOptions extends TransferRetryOptions {
  /** The object's name. */
  name: string;
  object: ObjectClient;
  /** Called for each attempt: a fresh destination each time (an earlier one may hold partial data). */
  streamFactory: () => Writable | Promise<Writable>;
  /**
   * Also accept the object service's `simple` method, whose data comes with no hashes and is
   * therefore NOT verified (default false: only `getUrl`, as the official client since
   * taskcluster/taskcluster#4624 and #5767). Use it only for a service that offers nothing else.
   */
  allowUnverified?: boolean | undefined;
}
/**
 * GETs `url` (on `source`'s dispatcher) into a fresh destination, verifying `expected` hashes when given (getUrl) before the
 * destination ends: on a mismatch the destination is destroyed with the HashMismatchError and
 * never finishes. Resolves to the response's content type.
 */
export declare function fetchInto(
  source: Client,
  url: string,
  streamFactory: DownloadOptions['streamFactory'],
  verify:
    | {
        expected: Record<string, string>;
        what: string;
      }
    | undefined,
  followRedirects: boolean,
  signal: AbortSignal | undefined,
): Promise<string>;
/**
 * Downloads an object (the official client's `download`): startDownload accepting `getUrl` only
 * (and `simple` as well with `allowUnverified: true`), then a GET into `streamFactory()`'s stream,
 * retried on 5xx and network errors (a getUrl URL past its `expires` is renewed first). getUrl
 * data is checked against the service's sha256/sha512 before the destination ends; simple data
 * carries no hashes. No credentials are sent with the GET. Resolves to the content type
 * (default `application/binary`).
 * @throws HashMismatchError (not retried; the destination is destroyed with it and never
 *   finishes); "Could not negotiate a download method": a TaskclusterError (406,
 *   `NoMatchingMethod`) when the service offers no accepted method, an Error when it answers with
 *   one not accepted; TaskclusterError from startDownload or a GET that failed for good.
 */
export declare function download(options: DownloadOptions): Promise<string>;
