import type { Dispatcher } from 'undici';
import { type HawkTarget } from './hawk.js';
import { type RetryOptions } from './retry.js';
import type { Certificate, ClientOptions, SchemaValidation, ServiceDefinition } from './types.js';
export interface SigningCredentials {
  clientId: string;
  accessToken: string;
  certificate: Certificate | undefined;
}
export interface ClientState {
  service: ServiceDefinition;
  /** `https://host[:port]`, what undici connects to. */
  origin: string;
  /** `/api/<service>/<version>` (after any path of the root URL). */
  prefix: string;
  target: HawkTarget;
  credentials: SigningCredentials | undefined;
  /** ext for calls without their own authorizedScopes. */
  ext: string | undefined;
  retry: RetryOptions;
  timeout: number;
  /** undefined with the fetch transport (browsers), which pools connections itself. */
  dispatcher: Dispatcher | undefined;
  /** True when we created the dispatcher and so must close it. */
  ownsDispatcher: boolean;
  signal: AbortSignal | undefined;
  /** Sent as User-Agent on every request. */
  userAgent: string;
  /** `x-taskcluster-trace-id` of every call, when set. */
  traceId: string | undefined;
  /** The client's schema validation (ClientOptions.validate), when on. */
  validate: SchemaValidation | undefined;
}
export declare function createState(service: ServiceDefinition, options: ClientOptions): ClientState;
