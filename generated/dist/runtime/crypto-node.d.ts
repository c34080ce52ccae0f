import type {
  CreateContentHash,
  EncodeBytes,
  EncodeText,
  HmacSha256,
  HmacSha256Async,
  RandomBytes,
  RandomNonce,
} from './platform.js';
export declare const hmacSha256: HmacSha256;
export declare const hmacSha256Async: HmacSha256Async;
export declare const randomBytes: RandomBytes;
/**
 * 48 random bits as 12 hex chars (hawk's own client uses 6 random chars). randomUUID draws
 * from Node's cached entropy, about 20x cheaper per call than randomBytes(6), which matters
 * because every request is signed. Skips the fixed version digit.
 */
export declare const randomNonce: RandomNonce;
export declare const encodeText: EncodeText;
export declare const encodeBytes: EncodeBytes;
/** node:crypto's incremental hash; the digest is ready at once (async only to match Web Crypto). */
export declare const createContentHash: CreateContentHash;
