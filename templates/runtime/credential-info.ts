// credentialInformation, as the official client's: what a set of credentials is, read from the
// certificate and from the auth service (the issuer's client record, and the scopes the
// credentials have, as the service computes them).
import { Client, callEntry } from './client.js';
import { parseCertificate } from './credentials.js';
import { createDispatcher } from './request.js';
import type { ClientOptions, Credentials, ServiceDefinition } from './types.js';

// The auth service's routes used here (Taskcluster's auth/v1 API).
const AUTH_SERVICE: ServiceDefinition = {
  serviceName: 'auth',
  apiVersion: 'v1',
  entries: {
    client: { name: 'client', method: 'GET', route: '/clients/<clientId>', args: ['clientId'], query: [], input: false, output: true },
    currentScopes: { name: 'currentScopes', method: 'GET', route: '/scopes/current', args: [], query: [], input: false, output: true },
  },
};

class AuthLookups extends Client {
  constructor(options: ClientOptions) {
    super(AUTH_SERVICE, options);
  }
  client(clientId: string): Promise<{ expires: string; disabled?: boolean }> {
    return callEntry(this, AUTH_SERVICE.entries.client!, arguments);
  }
  currentScopes(): Promise<{ scopes: string[] }> {
    return callEntry(this, AUTH_SERVICE.entries.currentScopes!, arguments);
  }
}

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
export async function credentialInformation(rootUrl: string, credentials: Credentials, options: Partial<ClientOptions> = {}): Promise<CredentialInformation> {
  const certificate = parseCertificate(credentials.certificate);
  const result: CredentialInformation = { clientId: credentials.clientId, type: certificate ? 'temporary' : 'permanent', active: true, scopes: [] };
  let issuer = credentials.clientId;
  if (certificate) {
    result.scopes = certificate.scopes;
    result.start = new Date(certificate.start);
    result.expiry = new Date(certificate.expiry);
    if (certificate.issuer) issuer = certificate.issuer;
  }
  // One pool for both lookups (undici on Node; fetch, which has none, elsewhere).
  const dispatcher = options.dispatcher ?? createDispatcher();
  try {
    const anonymous = new AuthLookups({ ...options, rootUrl, dispatcher, credentials: undefined });
    const signed = new AuthLookups({ ...options, rootUrl, dispatcher, credentials });
    const [client, current] = await Promise.all([anonymous.client(issuer), signed.currentScopes()]);
    const expires = new Date(client.expires);
    if (!result.expiry || result.expiry > expires) result.expiry = expires;
    if (client.disabled) result.active = false;
    result.scopes = current.scopes;
  } finally {
    if (options.dispatcher === undefined) await dispatcher?.close();
  }
  const now = new Date();
  if ((result.start && result.start > now) || (result.expiry && now > result.expiry)) result.active = false;
  return result;
}
