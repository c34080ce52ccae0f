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
export declare const randomNonce: RandomNonce;
export declare const encodeBytes: EncodeBytes;
export declare const encodeText: EncodeText;
/**
 * Web Crypto has no incremental digest: the chunks are kept and hashed at the end
 * (`crypto.subtle.digest`), so this holds the whole content in memory once.
 */
export declare const createContentHash: CreateContentHash;
