// Object-service uploads and downloads, as the official client's upload.js and download.js:
// upload negotiates dataInline or putUrl with createUpload, PUTs with a fresh stream on each
// attempt and reports sha256/sha512 to finishUpload; download negotiates getUrl only (simple
// only on an explicit opt-in) with startDownload and verifies the data against the service's
// hashes before the destination stream ends.
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCallback } from 'node:stream';
import { optionsOf, type Client } from './client.js';
import { parseRootUrl } from './url.js';
import { slugid } from './credentials.js';
import { TaskclusterError } from './errors.js';
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

/** The deployment's origin (the client's `rootUrl`): the one origin transfers may send credentials to. */
function homeOf(client: Client): string {
  return parseRootUrl(optionsOf(client).rootUrl).origin;
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
    const home = homeOf(object);
    hashes = await withRetries(retry, signal, async () => {
      const hashing = await hashedStream(streamFactory);
      await putBody(dispatcher, home, url, headers, hashing, signal);
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
  /**
   * Also accept the object service's `simple` method, whose data comes with no hashes and is
   * therefore NOT verified (default false: only `getUrl`, as the official client since
   * taskcluster/taskcluster#4624 and #5767). Use it only for a service that offers nothing else.
   */
  allowUnverified?: boolean | undefined;
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
  const res = await getBody(optionsOf(source).dispatcher, homeOf(source), url, { followRedirects, signal });
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
 * The object service's 406 NoMatchingMethod ("Object supports methods simple") told as the
 * official client tells a refused negotiation, with what was offered and how to opt in.
 */
function notNegotiated(error: unknown, what: string, accepted: object): unknown {
  if (!(error instanceof TaskclusterError) || error.statusCode !== 406 || error.code !== 'NoMatchingMethod') return error;
  const optIn = 'simple' in accepted ? '' : ' (data without hashes only with allowUnverified: true)';
  // taskcluster-lib-api ends an error's message with a "\n\n---\n\n* method: …" trailer: keep the sentence.
  const said = error.message.split('\n\n---')[0];
  return new TaskclusterError({
    code: error.code,
    method: error.method,
    url: error.url,
    retries: error.retries,
    body: error.body,
    message: `Could not negotiate a download method: ${what} accepted ${Object.keys(accepted).join(' and ')}${optIn}; the object service said: ${said}`,
    statusCode: 406,
    cause: error,
  });
}

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
export async function download(options: DownloadOptions): Promise<string> {
  const { name, object, streamFactory, signal } = options;
  if (typeof streamFactory !== 'function') throw new TypeError('download: streamFactory must be a function returning a writable stream');
  const retry = retryOf(options);
  const callOptions = signal ? { signal } : undefined;
  const accepted: StartDownloadPayload['acceptDownloadMethods'] = options.allowUnverified === true ? { getUrl: true, simple: true } : { getUrl: true };
  const what = `download of ${JSON.stringify(name)}`;
  let answer = (await object.startDownload(name, { acceptDownloadMethods: accepted }, callOptions).catch((error: unknown) => {
    throw notNegotiated(error, what, accepted);
  })) as StartDownloadAnswer;
  if (answer?.method === 'simple' && accepted.simple) {
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
  // The official client's message; a service answering outside what was offered gets nothing fetched.
  const method = JSON.stringify((answer as { method?: unknown } | undefined)?.method);
  throw new Error(`Could not negotiate a download method: ${what} accepted ${Object.keys(accepted).join(' and ')}, the object service answered ${method}`);
}
