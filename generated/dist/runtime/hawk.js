// Hawk request signing as Taskcluster uses it: sha256, no payload hash, optional
// `ext`. Hand-written so that signing costs one HMAC per request; the HMAC comes from
// `#runtime/crypto` (node:crypto on Node, Web Crypto elsewhere, where only the async forms
// work). The normalized strings follow hawk's lib/crypto.js generateNormalizedString.
import { encodeText, hmacSha256, hmacSha256Async, randomNonce } from '#runtime/crypto';
export function hawkTarget(url) {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  return { host, port };
}
/** hawk escapes `\` and newlines in ext before MACing it. */
function normalizeExt(ext) {
  return ext.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
/** The normalized string to MAC, and the header around the MAC. */
function headerParts(input) {
  const ts = input.ts ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomNonce();
  const ext = input.ext ?? '';
  const normalized =
    `hawk.1.header\n${ts}\n${nonce}\n${input.method}\n${input.resource}\n` +
    `${input.target.host}\n${input.target.port}\n\n${ext === '' ? '' : normalizeExt(ext)}\n`;
  const extAttr = ext === '' ? '' : `", ext="${ext}`;
  return {
    normalized,
    header: (mac) => `Hawk id="${input.clientId}", ts="${ts}", nonce="${nonce}${extAttr}", mac="${mac}"`,
  };
}
/** The `Authorization` header value for one attempt (fresh ts and nonce each time). Node only (synchronous HMAC). */
export function hawkHeader(input) {
  const { normalized, header } = headerParts(input);
  return header(hmacSha256(input.accessToken, normalized, 'base64'));
}
/** hawkHeader on every platform. */
export async function hawkHeaderAsync(input) {
  const { normalized, header } = headerParts(input);
  return header(await hmacSha256Async(input.accessToken, normalized, 'base64'));
}
function bewitParts(input) {
  const now = input.now ?? Date.now();
  const exp = Math.floor(now / 1000) + input.ttlSec;
  const ext = input.ext ?? '';
  const normalized =
    `hawk.1.bewit\n${exp}\n\nGET\n${input.resource}\n` +
    `${input.target.host}\n${input.target.port}\n\n${ext === '' ? '' : normalizeExt(ext)}\n`;
  return { normalized, bewit: (mac) => encodeText(`${input.clientId}\\${exp}\\${mac}\\${ext}`, 'base64url') };
}
/** A bewit for a GET URL, as hawk.client.getBewit builds it. Node only (synchronous HMAC). */
export function hawkBewit(input) {
  const { normalized, bewit } = bewitParts(input);
  return bewit(hmacSha256(input.accessToken, normalized, 'base64'));
}
/** hawkBewit on every platform. */
export async function hawkBewitAsync(input) {
  const { normalized, bewit } = bewitParts(input);
  return bewit(await hmacSha256Async(input.accessToken, normalized, 'base64'));
}
/**
 * Taskcluster's ext: base64 of JSON `{certificate, authorizedScopes}` holding only what is
 * set (key order as the official client), or undefined when there is nothing to send.
 */
export function buildExt(certificate, authorizedScopes) {
  const ext = {};
  if (certificate) ext.certificate = certificate;
  if (authorizedScopes) ext.authorizedScopes = authorizedScopes;
  if (ext.certificate === undefined && ext.authorizedScopes === undefined) return undefined;
  return encodeText(JSON.stringify(ext), 'base64');
}
