import type { ParsedCall } from './args.js';
import type { ClientState } from './state.js';
import type { EntryDefinition } from './types.js';
export declare function runCall(state: ClientState, entry: EntryDefinition, call: ParsedCall): Promise<unknown>;
