import type { Certificate, Credentials } from './types.js';
/**
 * A random v4 slugid with slugid.nice()'s extra constraint: the first bit is cleared so
 * the slug starts with [A-Za-f] (never `-`, which command lines would take for a flag).
 */
export declare function slugid(): string;
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
/**
 * The certificate signature: base64 HMAC-SHA256 (key: the issuer's access token) of the lines
 * `version:1`, [`clientId:<name>`, `issuer:<issuer>`,] `seed:…`, `start:…`, `expiry:…`,
 * `scopes:`, then one line per scope, joined with `\n` and with no trailing newline: with no
 * scopes the text ends in `scopes:`. This is what the auth service checks (and how the Go,
 * Python and Rust clients sign); the official JS client 87.1.3 always writes `scopes:\n`,
 * which the service refuses for `scopes: []`. We follow the service.
 */
export declare function certificateSignature(
  accessToken: string,
  cert: Pick<Certificate, 'seed' | 'start' | 'expiry' | 'scopes'>,
  name?: {
    clientId: string;
    issuer: string;
  },
): string;
/** The temporary access token derived from the issuer's token and the seed. */
export declare function temporaryAccessToken(issuerAccessToken: string, seed: string): string;
/** Temporary credentials as the official client returns them: `certificate` is JSON text. */
export type TemporaryCredentials = Required<Credentials> & {
  certificate: string;
};
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
export declare function createTemporaryCredentials(options: TemporaryCredentialsOptions): TemporaryCredentials;
/**
 * createTemporaryCredentials on every platform (Web Crypto in browsers), same result.
 * Rejects with the RangeError or TypeError createTemporaryCredentials throws, for the same options.
 */
export declare function createTemporaryCredentialsAsync(
  options: TemporaryCredentialsOptions,
): Promise<TemporaryCredentials>;
/** A certificate given as text is parsed once, so that `ext` carries the object. */
export declare function parseCertificate(certificate: Credentials['certificate']): Certificate | undefined;
