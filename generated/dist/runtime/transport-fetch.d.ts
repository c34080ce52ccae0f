import { type Attempt, type CreateDispatcher } from './transport.js';
/**
 * Request headers a cross-origin call may carry: those Taskcluster's API servers list in
 * Access-Control-Allow-Headers (a preflight asking for any other fails the whole call). Others,
 * such as User-Agent, which browsers do not let a page set anyway, and x-taskcluster-trace-id
 * (`traceId`), which Taskcluster's list does not name, are left out. The list is
 * taskcluster/taskcluster libraries/api/src/api.js corsHeaders (Origin is the browser's own).
 */
export declare const CORS_REQUEST_HEADERS: ReadonlySet<string>;
/** fetch pools connections itself: a client has nothing to create or close. */
export declare const createDispatcher: CreateDispatcher;
export declare const attempt: Attempt;
