/** `k=v&k2=v2` (no leading `?`) for a plain object; '' for anything else. */
export declare function stringify(query: unknown): string;
