export { Client, callEntry } from './client.js';
export { EventsClient, bindExchange } from './events.js';
export type { Input } from './input.js';
export type { BlobOutput } from './blob.js';
export type {
  Binding,
  CallOptions,
  ClientOptions,
  EventsOptions,
  ExchangesDefinition,
  ServiceDefinition,
} from './types.js';
