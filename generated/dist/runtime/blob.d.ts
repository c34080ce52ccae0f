import type { AttemptResponse } from './request.js';
/** The body of a 2xx response to a blob entry, read by attempt() with `binary: true`. */
export declare function blobResult(res: AttemptResponse): Blob;
/**
 * What methods of entries whose output is "blob" resolve to: the global `Blob` (named here so that
 * generated modules need no DOM or Node globals in scope).
 */
export type BlobOutput = Blob;
