import type { CallOptions, EntryDefinition } from './types.js';
export interface ParsedCall {
  /** Route with arguments substituted, plus `?query` when there is one. */
  route: string;
  /** The payload; undefined when the entry takes none. */
  payload: unknown;
  options: CallOptions | undefined;
}
export declare function isStringArray(value: unknown): value is string[];
/** Validate and split the arguments a generated method received. */
export declare function parseCallArgs(entry: EntryDefinition, args: ArrayLike<unknown>): ParsedCall;
/**
 * Route and query for buildUrl/buildSignedUrl: route args then, when the entry has query
 * keys, the query object. Returns how many arguments were used so the caller can read on.
 */
export declare function parseUrlArgs(
  entry: EntryDefinition,
  args: ArrayLike<unknown>,
): {
  route: string;
  used: number;
};
