export { TransportFailure, type AttemptRequest, type AttemptResponse } from './transport.js';
export { attempt, createDispatcher } from '#runtime/transport';
