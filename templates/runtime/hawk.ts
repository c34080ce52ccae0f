// Hawk request signing as Taskcluster uses it: sha256, no payload hash, optional
// `ext`. Hand-written so that signing costs one HMAC per request; the HMAC comes from
// `#runtime/crypto` (node:crypto on Node, Web Crypto elsewhere, where only the async forms
// work). The normalized strings follow hawk's lib/crypto.js generateNormalizedString.
import { encodeText, hmacSha256, hmacSha256Async, randomNonce } from '#runtime/crypto';

/** What signing needs about a request target, computed once per client. */
export interface HawkTarget {
  /** Lower-cased host name, without IPv6 brackets (hawk uses url.parse's hostname). */
  host: string;
  /** Explicit port, or 80/443 from the scheme, as hawk does. */
  port: string;
}

export function hawkTarget(url: URL): HawkTarget {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  return { host, port };
}

/** hawk escapes `\` and newlines in ext before MACing it. */
function normalizeExt(ext: string): string {
  return ext.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export interface HeaderInput {
  clientId: string;
  accessToken: string;
  method: string;
  /** Path and query, exactly as sent on the request line. */
  resource: string;
  target: HawkTarget;
  /** Base64 ext, or undefined for none. */
  ext: string | undefined;
  /** Unix seconds; defaults to now (tests pin it). */
  ts?: number;
  nonce?: string;
}

/** The normalized string to MAC, and the header around the MAC. */
function headerParts(input: HeaderInput): { normalized: string; header: (mac: string) => string } {
  const ts = input.ts ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomNonce();
  const ext = input.ext ?? '';
  const normalized =
    `hawk.1.header\n${ts}\n${nonce}\n${input.method}\n${input.resource}\n` +
    `${input.target.host}\n${input.target.port}\n\n${ext === '' ? '' : normalizeExt(ext)}\n`;
  const extAttr = ext === '' ? '' : `", ext="${ext}`;
  return { normalized, header: (mac) => `Hawk id="${input.clientId}", ts="${ts}", nonce="${nonce}${extAttr}", mac="${mac}"` };
}

/** The `Authorization` header value for one attempt (fresh ts and nonce each time). Node only (synchronous HMAC). */
export function hawkHeader(input: HeaderInput): string {
  const { normalized, header } = headerParts(input);
  return header(hmacSha256(input.accessToken, normalized, 'base64'));
}

/** hawkHeader on every platform. */
export async function hawkHeaderAsync(input: HeaderInput): Promise<string> {
  const { normalized, header } = headerParts(input);
  return header(await hmacSha256Async(input.accessToken, normalized, 'base64'));
}

export interface BewitInput {
  clientId: string;
  accessToken: string;
  resource: string;
  target: HawkTarget;
  ext: string | undefined;
  /** Seconds from now until the URL stops working. */
  ttlSec: number;
  now?: number;
}

function bewitParts(input: BewitInput): { normalized: string; bewit: (mac: string) => string } {
  const now = input.now ?? Date.now();
  const exp = Math.floor(now / 1000) + input.ttlSec;
  const ext = input.ext ?? '';
  const normalized =
    `hawk.1.bewit\n${exp}\n\nGET\n${input.resource}\n` +
    `${input.target.host}\n${input.target.port}\n\n${ext === '' ? '' : normalizeExt(ext)}\n`;
  return { normalized, bewit: (mac) => encodeText(`${input.clientId}\\${exp}\\${mac}\\${ext}`, 'base64url') };
}

/** A bewit for a GET URL, as hawk.client.getBewit builds it. Node only (synchronous HMAC). */
export function hawkBewit(input: BewitInput): string {
  const { normalized, bewit } = bewitParts(input);
  return bewit(hmacSha256(input.accessToken, normalized, 'base64'));
}

/** hawkBewit on every platform. */
export async function hawkBewitAsync(input: BewitInput): Promise<string> {
  const { normalized, bewit } = bewitParts(input);
  return bewit(await hmacSha256Async(input.accessToken, normalized, 'base64'));
}

/**
 * Taskcluster's ext: base64 of JSON `{certificate, authorizedScopes}` holding only what is
 * set (key order as the official client), or undefined when there is nothing to send.
 */
export function buildExt(
  certificate: object | undefined,
  authorizedScopes: readonly string[] | undefined,
): string | undefined {
  const ext: { certificate?: object; authorizedScopes?: readonly string[] } = {};
  if (certificate) ext.certificate = certificate;
  if (authorizedScopes) ext.authorizedScopes = authorizedScopes;
  if (ext.certificate === undefined && ext.authorizedScopes === undefined) return undefined;
  return encodeText(JSON.stringify(ext), 'base64');
}
