// Node: node:crypto, synchronous. Selected by the `node` condition of `#runtime/crypto`.
// node:crypto (which loads node:stream) is loaded at the first signature, nonce or hash, not at
// import: ~10 ms of every process importing a client, and a client without credentials never
// needs it (issue 23). Loaded synchronously, as the synchronous HMAC (buildSignedUrl) needs.
import { createRequire } from 'node:module';
import type * as NodeCrypto from 'node:crypto';
import type { CreateContentHash, EncodeBytes, EncodeText, HmacSha256, HmacSha256Async, RandomBytes, RandomNonce } from './platform.js';

let nodeCrypto: typeof NodeCrypto | undefined;
/**
 * node:crypto, loaded at the first call: process.getBuiltinModule (Node 20.16+), else a require
 * (older Node 20s). A builtin resolves from any absolute path; import.meta.url would be empty in
 * a CommonJS bundle (esbuild warns of it).
 */
const loadCrypto = (): typeof NodeCrypto =>
  (nodeCrypto ??= process.getBuiltinModule?.('node:crypto') ?? (createRequire(process.execPath)('node:crypto') as typeof NodeCrypto));

export const hmacSha256: HmacSha256 = (key, text, encoding) => loadCrypto().createHmac('sha256', key).update(text).digest(encoding);

export const hmacSha256Async: HmacSha256Async = async (key, text, encoding) => hmacSha256(key, text, encoding);

export const randomBytes: RandomBytes = (n) => loadCrypto().randomBytes(n);

/**
 * 48 random bits as 12 hex chars (hawk's own client uses 6 random chars). randomUUID draws
 * from Node's cached entropy, about 20x cheaper per call than randomBytes(6), which matters
 * because every request is signed. Skips the fixed version digit.
 */
export const randomNonce: RandomNonce = () => {
  const uuid = loadCrypto().randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
};

export const encodeText: EncodeText = (text, encoding) => Buffer.from(text).toString(encoding);

export const encodeBytes: EncodeBytes = (bytes, encoding) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);

/** node:crypto's incremental hash; the digest is ready at once (async only to match Web Crypto). */
export const createContentHash: CreateContentHash = (algorithm) => {
  const hash = loadCrypto().createHash(algorithm);
  return {
    update: (bytes) => void hash.update(bytes),
    digestHex: async () => hash.digest('hex'),
  };
};
