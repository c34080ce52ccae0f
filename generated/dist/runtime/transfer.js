// HTTP for data transfers beside the API: PUT of upload bodies to the URL the object service
// returns, GET of download and artifact URLs (S3, a CDN, a reference). Over undici's request API,
// not fetch: fetch refuses a Content-Length header given by hand ("invalid content-length header"),
// and createUpload's putUrl headers carry one that must be sent verbatim. Kept apart from the
// object and artifact logic so that a browser build can swap the transport.
// Credentials stay home: a transfer never adds the client's Hawk credentials, and a request to an
// origin other than the deployment's carries no credential header and no bewit (awayFromHome),
// whatever the service's headers or a redirect say.
import { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { TaskclusterError } from './errors.js';
import { ContentHasher } from './hashing.js';
import { abortReason, backoffDelay, sleep } from './retry.js';
/** The URL without its query: pre-signed URLs carry signatures there, which must not reach logs. */
export function publicUrl(url) {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return '(invalid URL)';
  }
}
function split(url) {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${publicUrl(url)}`);
  return { origin: u.origin, path: u.pathname + u.search };
}
/** Request headers that carry credentials: never sent to an origin other than the deployment's. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** `url`'s query without its `bewit` parameters, every other byte as it was (a pre-signed URL's signature covers them). */
function withoutBewit(url) {
  if (url.search === '') return url.href;
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => {
      const name = part.split('=', 1)[0];
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // kept as written
      }
      return decoded.toLowerCase() !== 'bewit';
    });
  const search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return url.origin + url.pathname + search + url.hash;
}
/**
 * What a transfer may send to `url`. To the deployment's origin (`home`), everything as given; to
 * any other origin (storage, a CDN, a task's reference URL), no credential header (`Authorization`,
 * which holds Hawk's `ext`, `Proxy-Authorization`, `Cookie`), even when the object service's
 * answer lists one, and no `bewit` query parameter (a Hawk bewit is a credential for the
 * deployment only). User info in a URL is never sent (requests go to the URL's origin).
 */
export function awayFromHome(url, headers, home) {
  const parsed = new URL(url);
  if (parsed.origin === home) return { url, headers };
  const kept = {};
  for (const [name, value] of Object.entries(headers))
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) kept[name] = value;
  return { url: withoutBewit(parsed), headers: kept };
}
function header(headers, name) {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
/** A failed attempt; `retriable` for 5xx and network errors, as the official upload/download. */
function failure(method, url, statusCode, cause, detail) {
  const error = new TaskclusterError({
    message: `${method} ${publicUrl(url)} ${detail}`,
    ...(statusCode === undefined ? {} : { statusCode }),
    code: statusCode === undefined ? String(cause?.code ?? 'ECONNERROR') : 'TransferFailed',
    method,
    url: publicUrl(url),
    retries: 0,
    cause,
  });
  // A body whose length differs from Content-Length will differ again: not worth a retry.
  const code = cause?.code;
  return Object.assign(error, {
    retriable: (statusCode === undefined && code !== 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') || (statusCode ?? 0) >= 500,
  });
}
/**
 * PUT `body` to `url` with `headers` (a Content-Length among them is sent as given), less what
 * may not leave `home`, the deployment's origin (awayFromHome).
 * Resolves on 2xx; throws a TaskclusterError with `retriable` set otherwise.
 */
export async function putBody(dispatcher, home, url, serviceHeaders, body, signal) {
  const { origin, path } = split(url);
  const { headers } = awayFromHome(url, serviceHeaders, home);
  let res;
  try {
    res = await dispatcher.request({ origin, path, method: 'PUT', headers, body, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw abortReason(signal);
    body.destroy();
    throw failure('PUT', url, undefined, err, `failed: ${String(err?.message ?? err)}`);
  }
  const text = await res.body.text().catch(() => '');
  if (res.statusCode >= 200 && res.statusCode < 300) return;
  // A server may answer before reading the whole body: release the source (a file, say) now.
  body.destroy();
  throw failure(
    'PUT',
    url,
    res.statusCode,
    undefined,
    `answered HTTP ${res.statusCode}${text ? `: ${text.slice(0, 200)}` : ''}`,
  );
}
/**
 * GET `url`, following up to 10 redirects when `followRedirects`, and return the 2xx response with
 * its body decoded; throws a TaskclusterError with `retriable` set otherwise. The caller consumes
 * the body. No credentials are sent; each hop to an origin other than `home` (the deployment's)
 * also loses any bewit (awayFromHome), so a chain that crosses origins takes none along.
 */
export async function getBody(dispatcher, home, url, options) {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    split(current); // http(s) only
    current = awayFromHome(current, {}, home).url;
    const { origin, path } = split(current);
    let res;
    try {
      res = await dispatcher.request({
        origin,
        path,
        method: 'GET',
        // The object service requires downloaders to accept gzip (download-method-geturl.json).
        headers: { 'accept-encoding': 'gzip, deflate, br' },
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (err) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      throw failure('GET', current, undefined, err, `failed: ${String(err?.message ?? err)}`);
    }
    const location = header(res.headers, 'location');
    if (
      options.followRedirects &&
      res.statusCode >= 300 &&
      res.statusCode < 400 &&
      location !== undefined &&
      redirects < 10
    ) {
      await res.body.dump();
      current = new URL(location, current).href;
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = await res.body.text().catch(() => '');
      throw failure(
        'GET',
        current,
        res.statusCode,
        undefined,
        `answered HTTP ${res.statusCode}${text ? `: ${text.slice(0, 200)}` : ''}`,
      );
    }
    return {
      statusCode: res.statusCode,
      headers: res.headers,
      body: decoded(res.body, header(res.headers, 'content-encoding')),
      url: current,
    };
  }
}
function decoded(body, encoding) {
  const name = encoding?.trim().toLowerCase();
  const decoder =
    name === 'gzip' || name === 'x-gzip'
      ? createGunzip()
      : name === 'deflate'
        ? createInflate()
        : name === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return body;
  body.on('error', (err) => decoder.destroy(err));
  return body.pipe(decoder);
}
/**
 * Runs `attempt` until it succeeds, an error without `retriable: true` is thrown, or `retries`
 * retries are spent; sleeps the official client's backoff between attempts. The error thrown
 * carries the number of retries made.
 */
export async function withRetries(retry, signal, attempt) {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      const retriable = err?.retriable === true;
      if (err instanceof TaskclusterError) err.retries = n - 1;
      if (!retriable || n > retry.retries) throw err;
    }
    await sleep(backoffDelay(n, retry), signal);
  }
}
/** Hashes every chunk that passes through (ContentHasher), counting bytes; `hashes()` at the end. */
export class HashingStream extends Transform {
  #hasher = new ContentHasher();
  #verify;
  /** `verify`, when given, runs before the stream ends: an error it returns fails the stream instead. */
  constructor(verify) {
    super();
    this.#verify = verify;
  }
  /** Bytes that have passed through. */
  get bytes() {
    return this.#hasher.bytes;
  }
  _transform(chunk, _encoding, callback) {
    this.#hasher.update(chunk);
    callback(null, chunk);
  }
  _flush(callback) {
    // Checked before the last callback, so a destination piped from here never sees a normal end
    // on a mismatch: it is destroyed with the error instead.
    this.hashes().then(
      (hashes) => callback(this.#verify?.(hashes, this.bytes) ?? null),
      (error) => callback(error),
    );
  }
  /** Hex digests of everything that passed through (computed once). */
  hashes() {
    return this.#hasher.hashes();
  }
}
