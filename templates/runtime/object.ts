// Object-service uploads and downloads, as the official client's upload.js and download.js:
// upload negotiates dataInline or putUrl with createUpload, PUTs with a fresh stream on each
// attempt and reports sha256/sha512 to finishUpload; download negotiates getUrl or simple with
// startDownload and verifies getUrl data against the service's hashes before the destination
// stream ends.
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCallback } from 'node:stream';
import { optionsOf, type Client } from './client.js';
import { slugid } from './credentials.js';
import { DATA_INLINE_MAX_SIZE } from './object-common.js';
import { hashMismatch, type ContentHashes } from './hashing.js';
import { RETRY_DEFAULTS, validateRetryOptions, type RetryOptions } from './retry.js';
import { HashingStream, getBody, putBody, withRetries, type TransferResponse } from './transfer.js';
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
    dataInline?: { contentType: string; objectData: string };
    putUrl?: { contentType: string; contentLength: number };
  };
}
export interface FinishUploadPayload {
  projectId: string;
  uploadId: string;
  hashes?: Partial<ContentHashes>;
}
export interface StartDownloadPayload {
  acceptDownloadMethods: { getUrl?: true; simple?: true };
}

interface CreateUploadAnswer {
  uploadMethod?: { dataInline?: unknown; putUrl?: { url: string; expires: string; headers?: Record<string, string> } };
}
type StartDownloadAnswer = { method: 'simple'; url: string } | { method: 'getUrl'; url: string; expires: string; hashes: Record<string, string> };

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
export function retryOf(options: TransferRetryOptions): RetryOptions {
  const retry = {
    retries: options.retries ?? RETRY_DEFAULTS.retries,
    delayFactor: options.delayFactor ?? RETRY_DEFAULTS.delayFactor,
    randomizationFactor: options.randomizationFactor ?? RETRY_DEFAULTS.randomizationFactor,
    maxDelay: options.maxDelay ?? RETRY_DEFAULTS.maxDelay,
  };
  validateRetryOptions({ ...retry, timeout: 1 });
  return retry;
}

/** A fresh stream from `streamFactory`, piped through a new HashingStream. */
async function hashedStream(streamFactory: () => Readable | Promise<Readable>): Promise<HashingStream> {
  const source = await streamFactory();
  // pipeline() would take a string or Buffer as an iterable and fail (or send characters) later,
  // as a network error that is retried: refuse it here, once.
  if (!isStream(source) || typeof (source as Readable).pipe !== 'function') {
    throw new TypeError(`upload: streamFactory must return a readable stream, not ${describeValue(source)}`);
  }
  const hashing = new HashingStream();
  // The callback form destroys `hashing` when the source fails, which fails the request using it.
  pipelineCallback(source, hashing, () => {});
  return hashing;
}

async function checkedHashes(hashing: HashingStream, contentLength: number, what: string): Promise<ContentHashes> {
  if (hashing.bytes !== contentLength) throw new RangeError(`${what}: streamFactory gave ${hashing.bytes} bytes, but contentLength is ${contentLength}`);
  return hashing.hashes();
}

/**
 * Uploads data to the object service (the official client's `upload`): createUpload proposing
 * dataInline (small bodies) and putUrl; for putUrl, a PUT of a fresh stream to the returned URL
 * with the returned headers, retried on 5xx and network errors with backoff; then finishUpload
 * with the sha256 and sha512 of the bytes sent.
 * @throws TaskclusterError from the API calls or a PUT that failed for good (4xx, or retries
 *   spent); RangeError when the streams' length differs from contentLength; Error when the
 *   service accepted no proposed method.
 */
export async function upload(options: UploadOptions): Promise<UploadResult> {
  const { projectId, name, contentType, contentLength, object, streamFactory, signal } = options;
  if (!Number.isSafeInteger(contentLength) || contentLength < 0) throw new TypeError('upload: contentLength must be an integer >= 0');
  if (typeof streamFactory !== 'function') throw new TypeError('upload: streamFactory must be a function returning a readable stream');
  const retry = retryOf(options);
  const uploadId = options.uploadId || slugid();
  const expires = options.expires instanceof Date ? options.expires.toJSON() : options.expires;
  const what = `upload of ${JSON.stringify(name)}`;

  const proposed: CreateUploadPayload['proposedUploadMethods'] = {};
  let hashes: ContentHashes | undefined;
  if (options.dataInline ?? contentLength < DATA_INLINE_MAX_SIZE) {
    const hashing = await hashedStream(streamFactory);
    const chunks: Buffer[] = [];
    for await (const chunk of hashing) chunks.push(chunk as Buffer);
    hashes = await checkedHashes(hashing, contentLength, what);
    proposed.dataInline = { contentType, objectData: Buffer.concat(chunks).toString('base64') };
  }
  proposed.putUrl = { contentType, contentLength };

  const callOptions = signal ? { signal } : undefined;
  const answer = (await object.createUpload(name, { expires, projectId, uploadId, proposedUploadMethods: proposed }, callOptions)) as CreateUploadAnswer;
  let uploadMethod: UploadResult['uploadMethod'];
  if (answer?.uploadMethod?.dataInline && proposed.dataInline) {
    uploadMethod = 'dataInline';
  } else if (answer?.uploadMethod?.putUrl) {
    uploadMethod = 'putUrl';
    const { url, headers = {} } = answer.uploadMethod.putUrl;
    const { dispatcher } = optionsOf(object);
    hashes = await withRetries(retry, signal, async () => {
      const hashing = await hashedStream(streamFactory);
      await putBody(dispatcher, url, headers, hashing, signal);
      return checkedHashes(hashing, contentLength, what);
    });
  } else {
    throw new Error(`${what}: the object service accepted none of the proposed upload methods (${Object.keys(proposed).join(', ')})`);
  }
  await object.finishUpload(name, { projectId, uploadId, hashes: hashes! }, callOptions);
  return { uploadId, uploadMethod, hashes: hashes! };
}

export interface DownloadOptions extends TransferRetryOptions {
  /** The object's name. */
  name: string;
  object: ObjectClient;
  /** Called for each attempt: a fresh destination each time (an earlier one may hold partial data). */
  streamFactory: () => Writable | Promise<Writable>;
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  return typeof value === 'object' ? `an object without stream methods` : `a ${typeof value}`;
}

const DEFAULT_CONTENT_TYPE = 'application/binary';

function contentTypeOf(res: TransferResponse): string {
  const value = res.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) || DEFAULT_CONTENT_TYPE;
}

/**
 * GETs `url` (on `source`'s dispatcher) into a fresh destination, verifying `expected` hashes when given (getUrl) before the
 * destination ends: on a mismatch the destination is destroyed with the HashMismatchError and
 * never finishes. Resolves to the response's content type.
 */
export async function fetchInto(
  source: Client,
  url: string,
  streamFactory: DownloadOptions['streamFactory'],
  verify: { expected: Record<string, string>; what: string } | undefined,
  followRedirects: boolean,
  signal: AbortSignal | undefined,
): Promise<string> {
  const res = await getBody(optionsOf(source).dispatcher, url, { followRedirects, signal });
  // Releases the connection when no destination takes the body (undici reports the abort as an error).
  const discard = () => res.body.on('error', () => {}).destroy();
  let destination: Writable;
  try {
    destination = await streamFactory();
  } catch (err) {
    discard();
    throw err;
  }
  // pipeline() accepts a non-stream last argument without writing to it, and would resolve with
  // the data gone (a file path instead of a stream, say): refuse it.
  if (!isStream(destination) || typeof destination.write !== 'function' || typeof destination.end !== 'function') {
    discard();
    throw new TypeError(`streamFactory must return a writable stream, not ${describeValue(destination)}`);
  }
  try {
    if (verify) await pipeline(res.body, new HashingStream((hashes) => hashMismatch(hashes, verify.expected, verify.what)), destination);
    else await pipeline(res.body, destination);
  } catch (err) {
    if (signal?.aborted) throw err;
    // A hash mismatch is final; a body cut short is worth another attempt, as the official client.
    if (!(err instanceof Error && err.name === 'HashMismatchError')) Object.assign(err as object, { retriable: true });
    throw err;
  }
  return contentTypeOf(res);
}

/**
 * Downloads an object (the official client's `download`, plus the `simple` method): startDownload
 * accepting getUrl and simple, then a GET into `streamFactory()`'s stream, retried on 5xx and
 * network errors (a getUrl URL past its `expires` is renewed first). getUrl data is checked against
 * the service's sha256/sha512 (simple gives none). Resolves to the content type
 * (default `application/binary`).
 * @throws HashMismatchError (not retried; the destination is destroyed with it and never
 *   finishes); TaskclusterError from startDownload or a GET that failed for good.
 */
export async function download(options: DownloadOptions): Promise<string> {
  const { name, object, streamFactory, signal } = options;
  if (typeof streamFactory !== 'function') throw new TypeError('download: streamFactory must be a function returning a writable stream');
  const retry = retryOf(options);
  const callOptions = signal ? { signal } : undefined;
  let answer = (await object.startDownload(name, { acceptDownloadMethods: { getUrl: true, simple: true } }, callOptions)) as StartDownloadAnswer;
  const what = `download of ${JSON.stringify(name)}`;
  if (answer?.method === 'simple') {
    const { url } = answer;
    return withRetries(retry, signal, () => fetchInto(object, url, streamFactory, undefined, true, signal));
  }
  if (answer?.method === 'getUrl') {
    let used = false;
    return withRetries(retry, signal, async () => {
      if (used && answer.method === 'getUrl' && new Date(answer.expires) < new Date()) {
        answer = (await object.startDownload(name, { acceptDownloadMethods: { getUrl: true } }, callOptions)) as StartDownloadAnswer;
      }
      used = true;
      const expected = answer.method === 'getUrl' ? answer.hashes : {};
      // getUrl servers must not redirect (download-method-geturl.json): a 3xx fails the download.
      return fetchInto(object, answer.url, streamFactory, { expected, what }, false, signal);
    });
  }
  throw new Error(`${what}: the object service answered with an unsupported download method ${JSON.stringify((answer as { method?: unknown })?.method)}`);
}
