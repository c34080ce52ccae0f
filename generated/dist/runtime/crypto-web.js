const UTF8 = new TextEncoder();
export const hmacSha256 = () => {
  throw new TypeError(
    'synchronous HMAC needs node:crypto; Web Crypto is asynchronous: use buildSignedUrlAsync or createTemporaryCredentialsAsync',
  );
};
const KEYS = new Map();
const MAX_KEYS = 32;
/**
 * `crypto.subtle`, or a TypeError saying why it is missing (a page that is not a secure context),
 * rather than "Cannot read properties of undefined" from whichever call came first.
 */
function subtleCrypto() {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new TypeError(
      'Web Crypto (crypto.subtle) is not available: a browser offers it only in secure contexts (https: pages, or http://localhost)',
    );
  }
  return subtle;
}
function hmacKey(key) {
  let imported = KEYS.get(key);
  if (imported === undefined) {
    const subtle = subtleCrypto();
    if (KEYS.size >= MAX_KEYS) KEYS.clear();
    imported = subtle.importKey('raw', UTF8.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    KEYS.set(key, imported);
    imported.catch(() => KEYS.delete(key));
  }
  return imported;
}
export const hmacSha256Async = async (key, text, encoding) => {
  const subtle = subtleCrypto();
  const signature = await subtle.sign('HMAC', await hmacKey(key), UTF8.encode(text));
  return encodeBytes(new Uint8Array(signature), encoding);
};
export const randomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));
export const randomNonce = () => {
  let hex = '';
  for (const byte of randomBytes(6)) hex += byte.toString(16).padStart(2, '0');
  return hex;
};
function base64(bytes, encoding) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const text = btoa(binary);
  // base64url as Node's Buffer writes it: `-` and `_`, no padding.
  return encoding === 'base64' ? text : text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export const encodeBytes = (bytes, encoding) => base64(bytes, encoding);
export const encodeText = (text, encoding) => base64(UTF8.encode(text), encoding);
const DIGEST_NAMES = { sha256: 'SHA-256', sha512: 'SHA-512' };
/**
 * Web Crypto has no incremental digest: the chunks are kept and hashed at the end
 * (`crypto.subtle.digest`), so this holds the whole content in memory once.
 */
export const createContentHash = (algorithm) => {
  const chunks = [];
  let length = 0;
  return {
    update: (bytes) => {
      chunks.push(bytes.slice());
      length += bytes.length;
    },
    digestHex: async () => {
      const all = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      const digest = new Uint8Array(await subtleCrypto().digest(DIGEST_NAMES[algorithm], all));
      let hex = '';
      for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
      return hex;
    },
  };
};
