/** The hash algorithms the object service accepts as proof of content (hashes.json). */
export declare const ACCEPTABLE_HASHES: ReadonlySet<string>;
export interface ContentHashes {
  sha256: string;
  sha512: string;
}
/**
 * sha256 and sha512 of bytes fed in order, counting them; the hashes come from `#runtime/crypto`
 * (node:crypto on Node, Web Crypto elsewhere). `hashes()` once the last chunk is in.
 */
export declare class ContentHasher {
  #private;
  /** Bytes fed so far. */
  bytes: number;
  update(chunk: Uint8Array): void;
  /** Hex digests of everything fed (computed once; later calls give the same promise). */
  hashes(): Promise<ContentHashes>;
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
