// Public API of the runtime (the package's `./runtime` and root). Generated service modules import
// client.ts and events.ts instead, which load only what a client needs.
export { Client, callEntry, closeClient, type SignedUrlOptions } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export { paginate, type Page } from './paginate.js';
export type { ApiMethod, HttpMethodOf, IsMethodOf, SignedUrlArgs, UrlArgs } from './method-types.js';
export type { Input, InputObject, NotABuiltIn, NotAnArray } from './input.js';
export { fakeClient, type FakeCall, type FakeMethods } from './fake.js';
export { TaskclusterError, InsufficientScopesError } from './errors.js';
export {
  requiredScopes,
  satisfiesScopes,
  scopeParams,
  renderScopes,
  type ScopeExpression,
  type ScopeExpressionTemplate,
  type ScopeParams,
  type ScopeVerdict,
} from './scopes.js';
export {
  createTemporaryCredentials,
  createTemporaryCredentialsAsync,
  slugid,
  type TemporaryCredentials,
  type TemporaryCredentialsOptions,
} from './credentials.js';
export { fromEnvVars } from './env.js';
export { fromNow, fromNowJSON, parseTimeOffset, type TimeOffset } from './time.js';
export { credentialInformation, type CredentialInformation } from './credential-info.js';
// upload, download and the artifact downloads are Node only: `#runtime/objects` gives browsers stand-ins that reject.
export { upload, download, downloadArtifact, downloadManagedArtifact } from './object-helpers.js';
export { DATA_INLINE_MAX_SIZE, ArtifactError, ArtifactStorageTypeError } from './object-common.js';
export type { UploadOptions, UploadResult, DownloadOptions, ObjectClient, TransferRetryOptions } from './object.js';
export type { ArtifactContent, ArtifactQueue, DownloadArtifactOptions } from './artifacts.js';
export { HashMismatchError, type ContentHashes } from './hashing.js';
export type { BlobOutput } from './blob.js';
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
  SchemaValidation,
  ServiceDefinition,
  ValidationContext,
} from './types.js';
