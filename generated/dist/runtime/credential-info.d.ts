import type { ClientOptions, Credentials } from './types.js';
export interface CredentialInformation {
  /** The credentials' clientId (for named temporary credentials, their name). */
  clientId: string;
  type: 'permanent' | 'temporary';
  /** False when disabled, not yet valid, or expired. */
  active: boolean;
  /** Temporary credentials only: the certificate's start. */
  start?: Date;
  /** The earlier of the certificate's expiry and the issuing client's `expires`. */
  expiry?: Date;
  /** The scopes the auth service grants these credentials (auth.currentScopes). */
  scopes: string[];
}
/**
 * What `credentials` are (the official client's `credentialInformation`): permanent or temporary
 * (named or not), whether active now, their validity and their scopes. Calls the auth service at
 * `rootUrl` twice, as the official client: `client(<issuer>)` without credentials and
 * `currentScopes()` with these credentials.
 * @throws TaskclusterError from either call (e.g. 401 when the credentials are not valid);
 *   TypeError for a certificate that is not JSON.
 */
export declare function credentialInformation(
  rootUrl: string,
  credentials: Credentials,
  options?: Partial<ClientOptions>,
): Promise<CredentialInformation>;
