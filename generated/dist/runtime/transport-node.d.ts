import { type Attempt, type CreateDispatcher } from './transport.js';
/** One keep-alive pool per client (made at its first request). */
export declare const createDispatcher: CreateDispatcher;
export declare const attempt: Attempt;
