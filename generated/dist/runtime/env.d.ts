import type { ClientOptions } from './types.js';
/**
 * `ClientOptions` from TASKCLUSTER_PROXY_URL (when non-empty; then no credentials) or
 * TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN and
 * TASKCLUSTER_CERTIFICATE; `overrides` are applied on top (shallowly). `env` defaults to the
 * process environment; in a browser, which has none, that is a TypeError.
 */
export declare function fromEnvVars(overrides?: Partial<ClientOptions>, env?: NodeJS.ProcessEnv): ClientOptions;
