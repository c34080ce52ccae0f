// Entries whose output is "blob" (the API reference's non-JSON response): the caller gets the
// body as a Blob, which gives it as bytes (`arrayBuffer()`, `bytes()`), text or a stream
// (`stream()`), with the response's content type as `type`.
import type { AttemptResponse } from './request.js';

/** The body of a 2xx response to a blob entry, read by attempt() with `binary: true`. */
export function blobResult(res: AttemptResponse): Blob {
  const type = res.headers['content-type'];
  return new Blob([res.bytes ?? new ArrayBuffer(0)], { type: (Array.isArray(type) ? type[0] : type) ?? '' });
}

/**
 * What methods of entries whose output is "blob" resolve to: the global `Blob` (named here so that
 * generated modules need no DOM or Node globals in scope).
 */
export type BlobOutput = Blob;
