/** Output encodings the runtime needs: Hawk MACs and certificates (base64), tokens and bewits (base64url). */
export type Base64Encoding = 'base64' | 'base64url';
/** HMAC-SHA256 of `text` (UTF-8) keyed by `key` (UTF-8), encoded. */
export type HmacSha256 = (key: string, text: string, encoding: Base64Encoding) => string;
export type HmacSha256Async = (key: string, text: string, encoding: Base64Encoding) => Promise<string>;
/** `n` bytes from the platform's cryptographic random source. */
export type RandomBytes = (n: number) => Uint8Array;
/** A fresh Hawk nonce (12 hex characters, 48 random bits). */
export type RandomNonce = () => string;
/** `text` as UTF-8, then base64 or base64url (unpadded). */
export type EncodeText = (text: string, encoding: Base64Encoding) => string;
/** `bytes` as base64 or base64url (unpadded). */
export type EncodeBytes = (bytes: Uint8Array, encoding: Base64Encoding) => string;
/** SHA-2 algorithms the object service accepts as content hashes. */
export type ContentHashAlgorithm = 'sha256' | 'sha512';
/** An incremental hash: `update` with each chunk in order, then `digestHex` once (lower-case hex). */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  digestHex(): Promise<string>;
}
export type CreateContentHash = (algorithm: ContentHashAlgorithm) => IncrementalHash;
/** The process environment, or a TypeError saying there is none here (browsers). */
export type ProcessEnv = () => Record<string, string | undefined>;
/** The Node.js version (`process.versions.node`) for the User-Agent; undefined elsewhere. */
export type NodeVersion = () => string | undefined;
