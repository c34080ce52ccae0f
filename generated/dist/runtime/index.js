// Public API of the runtime (the package's `./runtime` and root). Generated service modules import
// client.ts and events.ts instead, which load only what a client needs.
export { Client, callEntry, closeClient } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export { paginate } from './paginate.js';
export { fakeClient } from './fake.js';
export { TaskclusterError, InsufficientScopesError } from './errors.js';
export { requiredScopes, satisfiesScopes, scopeParams, renderScopes } from './scopes.js';
export { createTemporaryCredentials, createTemporaryCredentialsAsync, slugid } from './credentials.js';
export { fromEnvVars } from './env.js';
export { fromNow, fromNowJSON, parseTimeOffset } from './time.js';
export { credentialInformation } from './credential-info.js';
// upload, download and the artifact downloads are Node only: `#runtime/objects` gives browsers stand-ins that reject.
export { upload, download, downloadArtifact, downloadManagedArtifact } from './object-helpers.js';
export { DATA_INLINE_MAX_SIZE, ArtifactError, ArtifactStorageTypeError } from './object-common.js';
export { HashMismatchError } from './hashing.js';
