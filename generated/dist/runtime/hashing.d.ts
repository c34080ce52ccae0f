import { Transform, type TransformCallback } from 'node:stream';
/** The hash algorithms the object service accepts as proof of content (hashes.json). */
export declare const ACCEPTABLE_HASHES: ReadonlySet<string>;
export interface ContentHashes {
  sha256: string;
  sha512: string;
}
/** Hashes every chunk that passes through, counting bytes; `hashes()` once at the end. */
export declare class HashingStream extends Transform {
  #private;
  /** Bytes that have passed through. */
  bytes: number;
  /** `verify`, when given, runs before the stream ends: an error it returns fails the stream instead. */
  constructor(verify?: (hashes: ContentHashes, bytes: number) => Error | undefined);
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void;
  _flush(callback: TransformCallback): void;
  /** Hex digests of everything that passed through (computed once). */
  hashes(): ContentHashes;
}
/**
 * Compares computed hashes with the object service's, as the official client's verifyHashes:
 * every algorithm both know must match, and at least one acceptable one must be among them.
 * Returns the error to fail with, or undefined.
 */
export declare function hashMismatch(
  computed: ContentHashes,
  expected: Record<string, unknown> | undefined,
  what: string,
): Error | undefined;
/** A download whose data does not match the object service's hashes; the data must not be used. */
export declare class HashMismatchError extends Error {
  /** The algorithm that differed; undefined when no acceptable hash was given. */
  readonly algorithm: string | undefined;
  readonly code = 'HashMismatch';
  constructor(
    message: string,
    /** The algorithm that differed; undefined when no acceptable hash was given. */
    algorithm: string | undefined,
  );
}
