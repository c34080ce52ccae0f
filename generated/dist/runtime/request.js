// One HTTP attempt: the transport the package's `imports` conditions chose (transport.ts says
// what both do), re-exported here so the rest of the runtime never names a platform.
export { TransportFailure } from './transport.js';
export { attempt, createDispatcher } from '#runtime/transport';
