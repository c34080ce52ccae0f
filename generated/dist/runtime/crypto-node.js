// Node: node:crypto, synchronous. Selected by the `node` condition of `#runtime/crypto`.
import { createHash, createHmac, randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
export const hmacSha256 = (key, text, encoding) => createHmac('sha256', key).update(text).digest(encoding);
export const hmacSha256Async = async (key, text, encoding) => hmacSha256(key, text, encoding);
export const randomBytes = (n) => nodeRandomBytes(n);
/**
 * 48 random bits as 12 hex chars (hawk's own client uses 6 random chars). randomUUID draws
 * from Node's cached entropy, about 20x cheaper per call than randomBytes(6), which matters
 * because every request is signed. Skips the fixed version digit.
 */
export const randomNonce = () => {
  const uuid = randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
};
export const encodeText = (text, encoding) => Buffer.from(text).toString(encoding);
export const encodeBytes = (bytes, encoding) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
/** node:crypto's incremental hash; the digest is ready at once (async only to match Web Crypto). */
export const createContentHash = (algorithm) => {
  const hash = createHash(algorithm);
  return {
    update: (bytes) => void hash.update(bytes),
    digestHex: async () => hash.digest('hex'),
  };
};
