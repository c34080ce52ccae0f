// Content hashes for object uploads and downloads: sha256 and sha512, hex, as the object service
// stores them (its hashes.json; the official client's hashstream.js). Kept apart from the
// transfer code so that a browser build can swap node:crypto for Web Crypto.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
/** The hash algorithms the object service accepts as proof of content (hashes.json). */
export const ACCEPTABLE_HASHES = new Set(['sha256', 'sha512']);
/** Hashes every chunk that passes through, counting bytes; `hashes()` once at the end. */
export class HashingStream extends Transform {
  #sha256 = createHash('sha256');
  #sha512 = createHash('sha512');
  /** Bytes that have passed through. */
  bytes = 0;
  #verify;
  /** `verify`, when given, runs before the stream ends: an error it returns fails the stream instead. */
  constructor(verify) {
    super();
    this.#verify = verify;
  }
  _transform(chunk, _encoding, callback) {
    this.#sha256.update(chunk);
    this.#sha512.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }
  _flush(callback) {
    // Checked before the last callback, so a destination piped from here never sees a normal end
    // on a mismatch: it is destroyed with the error instead.
    callback(this.#verify?.(this.hashes(), this.bytes) ?? null);
  }
  #digests;
  /** Hex digests of everything that passed through (computed once). */
  hashes() {
    this.#digests ??= { sha256: this.#sha256.digest('hex'), sha512: this.#sha512.digest('hex') };
    return this.#digests;
  }
}
/**
 * Compares computed hashes with the object service's, as the official client's verifyHashes:
 * every algorithm both know must match, and at least one acceptable one must be among them.
 * Returns the error to fail with, or undefined.
 */
export function hashMismatch(computed, expected, what) {
  let acceptable = false;
  for (const [algorithm, value] of Object.entries(expected ?? {})) {
    const ours = computed[algorithm];
    if (ours === undefined) continue; // an algorithm we do not compute
    if (ours !== value) {
      return new HashMismatchError(
        `${what}: the ${algorithm} hash of the data received (${ours}) does not match the object service's (${String(value)})`,
        algorithm,
      );
    }
    if (ACCEPTABLE_HASHES.has(algorithm)) acceptable = true;
  }
  if (!acceptable)
    return new HashMismatchError(
      `${what}: the object service gave no sha256 or sha512 hash to verify the data with`,
      undefined,
    );
  return undefined;
}
/** A download whose data does not match the object service's hashes; the data must not be used. */
export class HashMismatchError extends Error {
  algorithm;
  code = 'HashMismatch';
  constructor(
    message,
    /** The algorithm that differed; undefined when no acceptable hash was given. */
    algorithm,
  ) {
    super(message);
    this.algorithm = algorithm;
    this.name = 'HashMismatchError';
  }
}
