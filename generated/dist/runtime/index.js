// Public API of the runtime; generated code imports only from here.
export { Client, callEntry, closeClient } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export { paginate } from './paginate.js';
export { fakeClient } from './fake.js';
export { TaskclusterError } from './errors.js';
export { createTemporaryCredentials, createTemporaryCredentialsAsync, slugid } from './credentials.js';
export { fromEnvVars } from './env.js';
