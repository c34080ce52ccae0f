declare const UNITS: readonly [
  {
    readonly key: 'years';
    readonly spellings: readonly ['years', 'year', 'yr', 'y'];
    readonly ms: number;
  },
  {
    readonly key: 'months';
    readonly spellings: readonly ['months', 'month', 'mo'];
    readonly ms: number;
  },
  {
    readonly key: 'weeks';
    readonly spellings: readonly ['weeks', 'week', 'wk', 'w'];
    readonly ms: number;
  },
  {
    readonly key: 'days';
    readonly spellings: readonly ['days', 'day', 'd'];
    readonly ms: 86400000;
  },
  {
    readonly key: 'hours';
    readonly spellings: readonly ['hours', 'hour', 'hr', 'h'];
    readonly ms: 3600000;
  },
  {
    readonly key: 'minutes';
    readonly spellings: readonly ['minutes', 'minute', 'min', 'm'];
    readonly ms: 60000;
  },
  {
    readonly key: 'seconds';
    readonly spellings: readonly ['seconds', 'second', 'sec', 's'];
    readonly ms: 1000;
  },
];
/** The parts of a time expression, each negative when the expression starts with `-`. */
export type TimeOffset = {
  [K in (typeof UNITS)[number]['key']]: number;
};
/**
 * Parses a time expression (see the module comment); `''` is a zero offset.
 * @throws TypeError when `offset` is not a string of that syntax.
 */
export declare function parseTimeOffset(offset: string): TimeOffset;
/**
 * `reference` (default: now) moved by `offset`, a time expression such as `'2 days 3 hours'`,
 * `'-1 year'` or `'1 mo'` (a year is 365 days, a month 30 days), as the official client's
 * `fromNow`. An empty or missing offset gives `reference` itself.
 * @throws TypeError on a malformed expression; RangeError when the result is not a valid Date.
 */
export declare function fromNow(offset?: string, reference?: Date): Date;
/**
 * {@link fromNow} as an ISO 8601 UTC timestamp (`Date.prototype.toJSON`), the form Taskcluster
 * payloads take for `deadline`, `expires`, …
 */
export declare function fromNowJSON(offset?: string, reference?: Date): string;
export {};
