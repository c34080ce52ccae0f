// Content hashes for object uploads and downloads: sha256 and sha512, hex, as the object service
// stores them (its hashes.json; the official client's hashstream.js). Kept apart from the
// transfer code so that a browser build can swap node:crypto for Web Crypto.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The hash algorithms the object service accepts as proof of content (hashes.json). */
export const ACCEPTABLE_HASHES: ReadonlySet<string> = new Set(['sha256', 'sha512']);

export interface ContentHashes {
  sha256: string;
  sha512: string;
}

/** Hashes every chunk that passes through, counting bytes; `hashes()` once at the end. */
export class HashingStream extends Transform {
  #sha256: Hash = createHash('sha256');
  #sha512: Hash = createHash('sha512');
  /** Bytes that have passed through. */
  bytes = 0;
  #verify: ((hashes: ContentHashes, bytes: number) => Error | undefined) | undefined;

  /** `verify`, when given, runs before the stream ends: an error it returns fails the stream instead. */
  constructor(verify?: (hashes: ContentHashes, bytes: number) => Error | undefined) {
    super();
    this.#verify = verify;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#sha256.update(chunk);
    this.#sha512.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // Checked before the last callback, so a destination piped from here never sees a normal end
    // on a mismatch: it is destroyed with the error instead.
    callback(this.#verify?.(this.hashes(), this.bytes) ?? null);
  }

  #digests: ContentHashes | undefined;
  /** Hex digests of everything that passed through (computed once). */
  hashes(): ContentHashes {
    this.#digests ??= { sha256: this.#sha256.digest('hex'), sha512: this.#sha512.digest('hex') };
    return this.#digests;
  }
}

/**
 * Compares computed hashes with the object service's, as the official client's verifyHashes:
 * every algorithm both know must match, and at least one acceptable one must be among them.
 * Returns the error to fail with, or undefined.
 */
export function hashMismatch(computed: ContentHashes, expected: Record<string, unknown> | undefined, what: string): Error | undefined {
  let acceptable = false;
  for (const [algorithm, value] of Object.entries(expected ?? {})) {
    const ours = (computed as unknown as Record<string, string | undefined>)[algorithm];
    if (ours === undefined) continue; // an algorithm we do not compute
    if (ours !== value) {
      return new HashMismatchError(`${what}: the ${algorithm} hash of the data received (${ours}) does not match the object service's (${String(value)})`, algorithm);
    }
    if (ACCEPTABLE_HASHES.has(algorithm)) acceptable = true;
  }
  if (!acceptable) return new HashMismatchError(`${what}: the object service gave no sha256 or sha512 hash to verify the data with`, undefined);
  return undefined;
}

/** A download whose data does not match the object service's hashes; the data must not be used. */
export class HashMismatchError extends Error {
  readonly code = 'HashMismatch';
  constructor(
    message: string,
    /** The algorithm that differed; undefined when no acceptable hash was given. */
    readonly algorithm: string | undefined,
  ) {
    super(message);
    this.name = 'HashMismatchError';
  }
}
