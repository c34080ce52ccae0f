import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCallback } from 'node:stream';
import { optionsOf } from './client.js';
import { parseRootUrl } from './url.js';
import { slugid } from './credentials.js';
import { TaskclusterError } from './errors.js';
import { DATA_INLINE_MAX_SIZE } from './object-common.js';
import { hashMismatch } from './hashing.js';
import { RETRY_DEFAULTS, validateRetryOptions } from './retry.js';
import { HashingStream, getBody, putBody, withRetries } from './transfer.js';
export { DATA_INLINE_MAX_SIZE };
/** The retry settings of a transfer, defaults filled in and checked. */
export function retryOf(options) {
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
function homeOf(client) {
  return parseRootUrl(optionsOf(client).rootUrl).origin;
}
/** A fresh stream from `streamFactory`, piped through a new HashingStream. */
async function hashedStream(streamFactory) {
  const source = await streamFactory();
  // pipeline() would take a string or Buffer as an iterable and fail (or send characters) later,
  // as a network error that is retried: refuse it here, once.
  if (!isStream(source) || typeof source.pipe !== 'function') {
    throw new TypeError(`upload: streamFactory must return a readable stream, not ${describeValue(source)}`);
  }
  const hashing = new HashingStream();
  // The callback form destroys `hashing` when the source fails, which fails the request using it.
  pipelineCallback(source, hashing, () => {});
  return hashing;
}
async function checkedHashes(hashing, contentLength, what) {
  if (hashing.bytes !== contentLength)
    throw new RangeError(`${what}: streamFactory gave ${hashing.bytes} bytes, but contentLength is ${contentLength}`);
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
export async function upload(options) {
  const { projectId, name, contentType, contentLength, object, streamFactory, signal } = options;
  if (!Number.isSafeInteger(contentLength) || contentLength < 0)
    throw new TypeError('upload: contentLength must be an integer >= 0');
  if (typeof streamFactory !== 'function')
    throw new TypeError('upload: streamFactory must be a function returning a readable stream');
  const retry = retryOf(options);
  const uploadId = options.uploadId || slugid();
  const expires = options.expires instanceof Date ? options.expires.toJSON() : options.expires;
  const what = `upload of ${JSON.stringify(name)}`;
  const proposed = {};
  let hashes;
  if (options.dataInline ?? contentLength < DATA_INLINE_MAX_SIZE) {
    const hashing = await hashedStream(streamFactory);
    const chunks = [];
    for await (const chunk of hashing) chunks.push(chunk);
    hashes = await checkedHashes(hashing, contentLength, what);
    proposed.dataInline = { contentType, objectData: Buffer.concat(chunks).toString('base64') };
  }
  proposed.putUrl = { contentType, contentLength };
  const callOptions = signal ? { signal } : undefined;
  const answer = await object.createUpload(
    name,
    { expires, projectId, uploadId, proposedUploadMethods: proposed },
    callOptions,
  );
  let uploadMethod;
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
    throw new Error(
      `${what}: the object service accepted none of the proposed upload methods (${Object.keys(proposed).join(', ')})`,
    );
  }
  await object.finishUpload(name, { projectId, uploadId, hashes: hashes }, callOptions);
  return { uploadId, uploadMethod, hashes: hashes };
}
function isStream(value) {
  return typeof value === 'object' && value !== null && typeof value.on === 'function';
}
function describeValue(value) {
  if (value === null) return 'null';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  return typeof value === 'object' ? `an object without stream methods` : `a ${typeof value}`;
}
const DEFAULT_CONTENT_TYPE = 'application/binary';
function contentTypeOf(res) {
  const value = res.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) || DEFAULT_CONTENT_TYPE;
}
/**
 * GETs `url` (on `source`'s dispatcher) into a fresh destination, verifying `expected` hashes when given (getUrl) before the
 * destination ends: on a mismatch the destination is destroyed with the HashMismatchError and
 * never finishes. Resolves to the response's content type.
 */
export async function fetchInto(source, url, streamFactory, verify, followRedirects, signal) {
  const res = await getBody(optionsOf(source).dispatcher, homeOf(source), url, { followRedirects, signal });
  // Releases the connection when no destination takes the body (undici reports the abort as an error).
  const discard = () => res.body.on('error', () => {}).destroy();
  let destination;
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
    if (verify)
      await pipeline(
        res.body,
        new HashingStream((hashes) => hashMismatch(hashes, verify.expected, verify.what)),
        destination,
      );
    else await pipeline(res.body, destination);
  } catch (err) {
    if (signal?.aborted) throw err;
    // A hash mismatch is final; a body cut short is worth another attempt, as the official client.
    if (!(err instanceof Error && err.name === 'HashMismatchError')) Object.assign(err, { retriable: true });
    throw err;
  }
  return contentTypeOf(res);
}
/**
 * The object service's 406 NoMatchingMethod ("Object supports methods simple") told as the
 * official client tells a refused negotiation, with what was offered and how to opt in.
 */
function notNegotiated(error, what, accepted) {
  if (!(error instanceof TaskclusterError) || error.statusCode !== 406 || error.code !== 'NoMatchingMethod')
    return error;
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
export async function download(options) {
  const { name, object, streamFactory, signal } = options;
  if (typeof streamFactory !== 'function')
    throw new TypeError('download: streamFactory must be a function returning a writable stream');
  const retry = retryOf(options);
  const callOptions = signal ? { signal } : undefined;
  const accepted = options.allowUnverified === true ? { getUrl: true, simple: true } : { getUrl: true };
  const what = `download of ${JSON.stringify(name)}`;
  let answer = await object.startDownload(name, { acceptDownloadMethods: accepted }, callOptions).catch((error) => {
    throw notNegotiated(error, what, accepted);
  });
  if (answer?.method === 'simple' && accepted.simple) {
    const { url } = answer;
    return withRetries(retry, signal, () => fetchInto(object, url, streamFactory, undefined, true, signal));
  }
  if (answer?.method === 'getUrl') {
    let used = false;
    return withRetries(retry, signal, async () => {
      if (used && answer.method === 'getUrl' && new Date(answer.expires) < new Date()) {
        answer = await object.startDownload(name, { acceptDownloadMethods: { getUrl: true } }, callOptions);
      }
      used = true;
      const expected = answer.method === 'getUrl' ? answer.hashes : {};
      // getUrl servers must not redirect (download-method-geturl.json): a 3xx fails the download.
      return fetchInto(object, answer.url, streamFactory, { expected, what }, false, signal);
    });
  }
  // The official client's message; a service answering outside what was offered gets nothing fetched.
  const method = JSON.stringify(answer?.method);
  throw new Error(
    `Could not negotiate a download method: ${what} accepted ${Object.keys(accepted).join(' and ')}, the object service answered ${method}`,
  );
}
