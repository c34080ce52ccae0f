import { TaskclusterError } from './errors.js';
import type { EntryDefinition } from './types.js';
/** `error` as an InsufficientScopesError when it is a 403 InsufficientScopes answer, else `error` itself. */
export declare function withScopeDetails(
  error: TaskclusterError,
  entry: EntryDefinition,
  ownClientId: string | undefined,
): TaskclusterError;
