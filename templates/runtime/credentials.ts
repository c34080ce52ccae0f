// Temporary credentials and slugids, following the official client's
// createTemporaryCredentials (client.js) and slugid.nice(). HMACs come from `#runtime/crypto`:
// the synchronous forms work on Node only, the async ones everywhere.
import { encodeBytes, hmacSha256, hmacSha256Async, randomBytes } from '#runtime/crypto';
import type { Certificate, Credentials } from './types.js';

const MAX_SPAN_MS = 31 * 24 * 60 * 60 * 1000;

/**
 * A random v4 slugid with slugid.nice()'s extra constraint: the first bit is cleared so
 * the slug starts with [A-Za-f] (never `-`, which command lines would take for a flag).
 */
export function slugid(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // UUID version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  bytes[0] = bytes[0]! & 0x7f; // nice(): first char in [A-Za-f]
  return encodeBytes(bytes, 'base64url'); // 16 bytes -> 22 chars, no padding
}

export interface TemporaryCredentialsOptions {
  /** Name for named temporary credentials; must differ from the issuer's clientId. */
  clientId?: string | undefined;
  /** When the credentials become valid; not after `expiry`. */
  start: Date;
  /** When they stop being valid: at most 31 days after `start`. */
  expiry: Date;
  scopes: readonly string[];
  /** The issuer: permanent credentials (no certificate). */
  credentials: Credentials;
}

function validate(options: TemporaryCredentialsOptions): void {
  const { credentials: issuer, start, expiry, scopes } = options;
  if (!issuer?.clientId || !issuer.accessToken) {
    throw new TypeError('credentials.clientId and credentials.accessToken are required');
  }
  if (issuer.certificate !== undefined && issuer.certificate !== null) {
    throw new TypeError(
      'temporary credentials cannot be used to make new temporary credentials; ' +
        'credentials.certificate must be unset',
    );
  }
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) throw new TypeError('start must be a valid Date');
  if (!(expiry instanceof Date) || Number.isNaN(expiry.getTime())) throw new TypeError('expiry must be a valid Date');
  // The official client's one check of the two (client.js: expiry - start <= 31 days); start == expiry passes.
  if (expiry.getTime() - start.getTime() > MAX_SPAN_MS) {
    throw new RangeError('temporary credentials cannot span more than 31 days');
  }
  // Ours: the official client lets a negative span through, a certificate the auth service
  // refuses (start > now + 5 min, or expiry < now - 5 min) but within its clock-skew allowance.
  if (start.getTime() > expiry.getTime()) {
    throw new RangeError(`start (${start.toISOString()}) is after expiry (${expiry.toISOString()})`);
  }
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) {
    throw new TypeError('scopes must be an array of strings');
  }
  if (options.clientId !== undefined && options.clientId === issuer.clientId) {
    throw new TypeError('the name (clientId) of temporary credentials must differ from the issuer');
  }
}

/**
 * The certificate signature: base64 HMAC-SHA256 (key: the issuer's access token) of the lines
 * `version:1`, [`clientId:<name>`, `issuer:<issuer>`,] `seed:…`, `start:…`, `expiry:…`,
 * `scopes:`, then one line per scope, joined with `\n` and with no trailing newline: with no
 * scopes the text ends in `scopes:`. This is what the auth service checks (and how the Go,
 * Python and Rust clients sign); the official JS client 87.1.3 always writes `scopes:\n`,
 * which the service refuses for `scopes: []`. We follow the service.
 */
export function certificateSignature(
  accessToken: string,
  cert: Pick<Certificate, 'seed' | 'start' | 'expiry' | 'scopes'>,
  name?: { clientId: string; issuer: string },
): string {
  return hmacSha256(accessToken, certificateText(cert, name), 'base64');
}

/** The text certificateSignature signs. */
function certificateText(cert: Pick<Certificate, 'seed' | 'start' | 'expiry' | 'scopes'>, name?: { clientId: string; issuer: string }): string {
  const lines = ['version:1'];
  if (name) lines.push(`clientId:${name.clientId}`, `issuer:${name.issuer}`);
  lines.push(`seed:${cert.seed}`, `start:${cert.start}`, `expiry:${cert.expiry}`, 'scopes:', ...cert.scopes);
  return lines.join('\n');
}

/** The temporary access token derived from the issuer's token and the seed. */
export function temporaryAccessToken(issuerAccessToken: string, seed: string): string {
  return hmacSha256(issuerAccessToken, seed, 'base64url');
}

/** Temporary credentials as the official client returns them: `certificate` is JSON text. */
export type TemporaryCredentials = Required<Credentials> & { certificate: string };

/**
 * Issue temporary credentials; `certificate` is JSON text, as the official client returns it.
 * Same construction as the official createTemporaryCredentials except the signature of a
 * certificate with no scopes, which follows the auth service (see certificateSignature).
 * Synchronous: Node only (a browser's Web Crypto is asynchronous, see createTemporaryCredentialsAsync).
 *
 * @throws RangeError when `expiry` is more than 31 days (31 × 86 400 000 ms) after `start`, as
 * the official client refuses (exactly 31 days, or `start` equal to `expiry`, pass); and when
 * `start` is after `expiry`, which the official client lets through but no service accepts
 * beyond its clock-skew allowance.
 * @throws TypeError when `credentials` lacks clientId or accessToken, or is itself temporary
 * (has a certificate); when `start` or `expiry` is not a valid Date; when `scopes` is not an
 * array of strings; when `clientId` equals the issuer's clientId.
 */
export function createTemporaryCredentials(options: TemporaryCredentialsOptions): TemporaryCredentials {
  const { cert, name, finish } = unsignedCredentials(options);
  cert.signature = certificateSignature(options.credentials.accessToken, cert, name);
  return finish(temporaryAccessToken(options.credentials.accessToken, cert.seed));
}

/**
 * createTemporaryCredentials on every platform (Web Crypto in browsers), same result.
 * Rejects with the RangeError or TypeError createTemporaryCredentials throws, for the same options.
 */
export async function createTemporaryCredentialsAsync(options: TemporaryCredentialsOptions): Promise<TemporaryCredentials> {
  const { cert, name, finish } = unsignedCredentials(options);
  const key = options.credentials.accessToken;
  cert.signature = await hmacSha256Async(key, certificateText(cert, name), 'base64');
  return finish(await hmacSha256Async(key, cert.seed, 'base64url'));
}

/** The certificate before its signature, and how to finish the credentials once it and the access token are computed. */
function unsignedCredentials(options: TemporaryCredentialsOptions): {
  cert: Certificate;
  name: { clientId: string; issuer: string } | undefined;
  finish: (accessToken: string) => TemporaryCredentials;
} {
  validate(options);
  const issuer = options.credentials;
  const named = options.clientId !== undefined && options.clientId !== '';
  const cert: Certificate = {
    version: 1,
    scopes: [...options.scopes],
    start: options.start.getTime(),
    expiry: options.expiry.getTime(),
    seed: slugid() + slugid(),
    signature: '',
  };
  if (named) cert.issuer = issuer.clientId;
  const name = named ? { clientId: options.clientId!, issuer: issuer.clientId } : undefined;
  const finish = (accessToken: string): TemporaryCredentials => ({
    clientId: named ? options.clientId! : issuer.clientId,
    accessToken,
    certificate: JSON.stringify(cert),
  });
  return { cert, name, finish };
}

/** A certificate given as text is parsed once, so that `ext` carries the object. */
export function parseCertificate(certificate: Credentials['certificate']): Certificate | undefined {
  if (certificate === undefined || certificate === null || certificate === '') return undefined;
  if (typeof certificate !== 'string') return certificate;
  try {
    return JSON.parse(certificate) as Certificate;
  } catch {
    // Do not echo the text: it is part of a credential.
    throw new TypeError('credentials.certificate is not valid JSON');
  }
}
