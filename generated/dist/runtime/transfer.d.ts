import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Dispatcher } from 'undici';
import { type ContentHashes } from './hashing.js';
import { type RetryOptions } from './retry.js';
export interface TransferResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, decoded when the server sent Content-Encoding gzip, deflate or br. */
  body: Readable;
  /** The URL that answered (after redirects). */
  url: string;
}
/** The URL without its query: pre-signed URLs carry signatures there, which must not reach logs. */
export declare function publicUrl(url: string): string;
/** Request headers that carry credentials: never sent to an origin other than the deployment's. */
export declare const CREDENTIAL_HEADERS: ReadonlySet<string>;
/**
 * What a transfer may send to `url`. To the deployment's origin (`home`), everything as given; to
 * any other origin (storage, a CDN, a task's reference URL), no credential header (`Authorization`,
 * which holds Hawk's `ext`, `Proxy-Authorization`, `Cookie`), even when the object service's
 * answer lists one, and no `bewit` query parameter (a Hawk bewit is a credential for the
 * deployment only). User info in a URL is never sent (requests go to the URL's origin).
 */
export declare function awayFromHome(
  url: string,
  headers: Record<string, string>,
  home: string,
): {
  url: string;
  headers: Record<string, string>;
};
/**
 * PUT `body` to `url` with `headers` (a Content-Length among them is sent as given), less what
 * may not leave `home`, the deployment's origin (awayFromHome).
 * Resolves on 2xx; throws a TaskclusterError with `retriable` set otherwise.
 */
export declare function putBody(
  dispatcher: Dispatcher,
  home: string,
  url: string,
  serviceHeaders: Record<string, string>,
  body: Readable,
  signal?: AbortSignal,
): Promise<void>;
/**
 * GET `url`, following up to 10 redirects when `followRedirects`, and return the 2xx response with
 * its body decoded; throws a TaskclusterError with `retriable` set otherwise. The caller consumes
 * the body. No credentials are sent; each hop to an origin other than `home` (the deployment's)
 * also loses any bewit (awayFromHome), so a chain that crosses origins takes none along.
 */
export declare function getBody(
  dispatcher: Dispatcher,
  home: string,
  url: string,
  options: {
    followRedirects: boolean;
    signal?: AbortSignal | undefined;
  },
): Promise<TransferResponse>;
/**
 * Runs `attempt` until it succeeds, an error without `retriable: true` is thrown, or `retries`
 * retries are spent; sleeps the official client's backoff between attempts. The error thrown
 * carries the number of retries made.
 */
export declare function withRetries<T>(
  retry: RetryOptions,
  signal: AbortSignal | undefined,
  attempt: (n: number) => Promise<T>,
): Promise<T>;
/** Hashes every chunk that passes through (ContentHasher), counting bytes; `hashes()` at the end. */
export declare class HashingStream extends Transform {
  #private;
  /** `verify`, when given, runs before the stream ends: an error it returns fails the stream instead. */
  constructor(verify?: (hashes: ContentHashes, bytes: number) => Error | undefined);
  /** Bytes that have passed through. */
  get bytes(): number;
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void;
  _flush(callback: TransformCallback): void;
  /** Hex digests of everything that passed through (computed once). */
  hashes(): Promise<ContentHashes>;
}
