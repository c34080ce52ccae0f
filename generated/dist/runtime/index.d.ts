export { Client, callEntry, closeClient, type SignedUrlOptions } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export { paginate, type Page } from './paginate.js';
export { fakeClient, type FakeCall, type FakeMethods } from './fake.js';
export { TaskclusterError } from './errors.js';
export {
  createTemporaryCredentials,
  createTemporaryCredentialsAsync,
  slugid,
  type TemporaryCredentials,
  type TemporaryCredentialsOptions,
} from './credentials.js';
export { fromEnvVars } from './env.js';
export type {
  Binding,
  CallOptions,
  Certificate,
  ClientOptions,
  Credentials,
  EntryDefinition,
  EventsOptions,
  ExchangeDefinition,
  ExchangesDefinition,
  RoutingKeyDefinition,
  ServiceDefinition,
} from './types.js';
