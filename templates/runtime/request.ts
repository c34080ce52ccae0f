// One HTTP attempt: the transport the package's `imports` conditions chose (transport.ts says
// what both do), re-exported here so the rest of the runtime never names a platform. Declared
// with transport.ts's types, so that no declaration file names a `#runtime/…` specifier, which an
// application on moduleResolution node10 (which ignores `imports`) could not resolve.
import { attempt as platformAttempt, createDispatcher as platformCreateDispatcher } from '#runtime/transport';
import type { Attempt, CreateDispatcher } from './transport.js';

export { TransportFailure, type AttemptRequest, type AttemptResponse } from './transport.js';
export const attempt: Attempt = platformAttempt;
export const createDispatcher: CreateDispatcher = platformCreateDispatcher;
