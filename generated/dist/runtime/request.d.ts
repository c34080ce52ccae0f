import type { Attempt, CreateDispatcher } from './transport.js';
export { TransportFailure, type AttemptRequest, type AttemptResponse } from './transport.js';
export declare const attempt: Attempt;
export declare const createDispatcher: CreateDispatcher;
