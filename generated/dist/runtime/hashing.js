// Content hashes for object uploads and downloads: sha256 and sha512, hex, as the object service
// stores them (its hashes.json; the official client's hashstream.js). Kept apart from the
// transfer code (the stream that feeds it is transfer.ts's HashingStream, Node only); the hashes
// come from `#runtime/crypto`, so this module is the same on every platform.
import { createContentHash } from '#runtime/crypto';
/** The hash algorithms the object service accepts as proof of content (hashes.json). */
export const ACCEPTABLE_HASHES = new Set(['sha256', 'sha512']);
/**
 * sha256 and sha512 of bytes fed in order, counting them; the hashes come from `#runtime/crypto`
 * (node:crypto on Node, Web Crypto elsewhere). `hashes()` once the last chunk is in.
 */
export class ContentHasher {
  #sha256 = createContentHash('sha256');
  #sha512 = createContentHash('sha512');
  /** Bytes fed so far. */
  bytes = 0;
  #digests;
  update(chunk) {
    this.#sha256.update(chunk);
    this.#sha512.update(chunk);
    this.bytes += chunk.length;
  }
  /** Hex digests of everything fed (computed once; later calls give the same promise). */
  hashes() {
    this.#digests ??= Promise.all([this.#sha256.digestHex(), this.#sha512.digestHex()]).then(([sha256, sha512]) => ({
      sha256,
      sha512,
    }));
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
