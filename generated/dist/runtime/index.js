// Public API of the runtime; generated code imports only from here.
export { Client, callEntry, closeClient } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export { paginate } from './paginate.js';
export { fakeClient } from './fake.js';
export { TaskclusterError } from './errors.js';
export { createTemporaryCredentials, slugid } from './credentials.js';
export { fromEnvVars } from './env.js';
export { fromNow, fromNowJSON, parseTimeOffset } from './time.js';
export { credentialInformation } from './credential-info.js';
export { upload, download, DATA_INLINE_MAX_SIZE } from './object.js';
export { downloadArtifact, ArtifactError } from './artifacts.js';
export { HashMismatchError } from './hashing.js';
