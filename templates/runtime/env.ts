// Client options from the environment, as the official fromEnvVars reads them, plus
// TASKCLUSTER_PROXY_URL: inside a task the proxy signs for us, so it becomes the root
// URL and no credentials are sent.
import { processEnv } from '#runtime/env';
import type { ClientOptions, Credentials } from './types.js';

function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const clientId = env.TASKCLUSTER_CLIENT_ID;
  if (!clientId) return undefined; // no client id: unauthenticated
  const accessToken = env.TASKCLUSTER_ACCESS_TOKEN;
  if (!accessToken) throw new TypeError('TASKCLUSTER_CLIENT_ID is set but TASKCLUSTER_ACCESS_TOKEN is not');
  const certificate = env.TASKCLUSTER_CERTIFICATE;
  return certificate ? { clientId, accessToken, certificate } : { clientId, accessToken };
}

/**
 * `ClientOptions` from TASKCLUSTER_PROXY_URL (when non-empty; then no credentials) or
 * TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN and
 * TASKCLUSTER_CERTIFICATE; `overrides` are applied on top (shallowly). `env` defaults to the
 * process environment; in a browser, which has none, that is a TypeError.
 */
export function fromEnvVars(overrides: Partial<ClientOptions> = {}, env: NodeJS.ProcessEnv = processEnv()): ClientOptions {
  const proxy = env.TASKCLUSTER_PROXY_URL;
  const fromEnv: Partial<ClientOptions> = {};
  if (proxy) {
    fromEnv.rootUrl = proxy;
  } else {
    if (env.TASKCLUSTER_ROOT_URL) fromEnv.rootUrl = env.TASKCLUSTER_ROOT_URL;
    const credentials = credentialsFromEnv(env);
    if (credentials) fromEnv.credentials = credentials;
  }
  const options = { ...fromEnv, ...overrides };
  if (!options.rootUrl) {
    throw new TypeError('no root URL: set TASKCLUSTER_ROOT_URL (or TASKCLUSTER_PROXY_URL), or pass rootUrl');
  }
  return options as ClientOptions;
}
