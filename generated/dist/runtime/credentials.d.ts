import type { Certificate, Credentials } from './types.js';
/**
 * A random v4 slugid with slugid.nice()'s extra constraint: the first bit is cleared so
 * the slug starts with [A-Za-f] (never `-`, which command lines would take for a flag).
 */
export declare function slugid(): string;
export interface TemporaryCredentialsOptions {
  /** Name for named temporary credentials; must differ from the issuer's clientId. */
  clientId?: string | undefined;
  start: Date;
  expiry: Date;
  scopes: readonly string[];
  /** The issuer: permanent credentials (no certificate). */
  credentials: Credentials;
}
/**
 * The certificate signature. Like the official client (and the auth service that checks
 * it), the text is the lines joined with `\n` where `scopes:` is always followed by `\n`:
 * with no scopes the text ends in `scopes:\n`.
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
 * Synchronous: Node only (a browser's Web Crypto is asynchronous, see createTemporaryCredentialsAsync).
 */
export declare function createTemporaryCredentials(options: TemporaryCredentialsOptions): TemporaryCredentials;
/** createTemporaryCredentials on every platform (Web Crypto in browsers), same result. */
export declare function createTemporaryCredentialsAsync(
  options: TemporaryCredentialsOptions,
): Promise<TemporaryCredentials>;
/** A certificate given as text is parsed once, so that `ext` carries the object. */
export declare function parseCertificate(certificate: Credentials['certificate']): Certificate | undefined;
