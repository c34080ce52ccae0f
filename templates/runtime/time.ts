// fromNow / fromNowJSON: dates offset by a Taskcluster time expression, with the syntax of the
// official client's parsetime.js: an optional sign for the whole expression, then units in the
// fixed order years, months, weeks, days, hours, minutes, seconds, each at most once, with any
// whitespace (none needed) around numbers and units, case-insensitive: '2 days 3 hours', '-1 year',
// '1 mo', '1d2h3min'. A year counts 365 days and a month 30 days, as there.

const UNITS = [
  { key: 'years', spellings: ['years', 'year', 'yr', 'y'], ms: 365 * 86_400_000 },
  { key: 'months', spellings: ['months', 'month', 'mo'], ms: 30 * 86_400_000 },
  { key: 'weeks', spellings: ['weeks', 'week', 'wk', 'w'], ms: 7 * 86_400_000 },
  { key: 'days', spellings: ['days', 'day', 'd'], ms: 86_400_000 },
  { key: 'hours', spellings: ['hours', 'hour', 'hr', 'h'], ms: 3_600_000 },
  { key: 'minutes', spellings: ['minutes', 'minute', 'min', 'm'], ms: 60_000 },
  { key: 'seconds', spellings: ['seconds', 'second', 'sec', 's'], ms: 1000 },
] as const;

/** The parts of a time expression, each negative when the expression starts with `-`. */
export type TimeOffset = { [K in (typeof UNITS)[number]['key']]: number };

const EXPRESSION = new RegExp(`^\\s*([-+])?${UNITS.map((u) => `(?:\\s*(\\d+)\\s*(?:${u.spellings.join('|')}))?`).join('')}\\s*$`, 'i');

/**
 * Parses a time expression (see the module comment); `''` is a zero offset.
 * @throws TypeError when `offset` is not a string of that syntax.
 */
export function parseTimeOffset(offset: string): TimeOffset {
  const match = typeof offset === 'string' ? EXPRESSION.exec(offset) : null;
  if (!match) {
    throw new TypeError(
      `${JSON.stringify(offset)} is not a time expression: expected e.g. '2 days 3 hours', '-1 year' or '1 mo' ` +
        '(units in the order years, months, weeks, days, hours, minutes, seconds; one sign for the whole expression)',
    );
  }
  const sign = match[1] === '-' ? -1 : 1;
  const result = {} as TimeOffset;
  UNITS.forEach((unit, i) => {
    // `0 * -1` would be -0; keep a plain 0 for absent or zero parts.
    result[unit.key] = match[i + 2] === undefined ? 0 : sign * Number.parseInt(match[i + 2]!, 10) || 0;
  });
  return result;
}

/**
 * `reference` (default: now) moved by `offset`, a time expression such as `'2 days 3 hours'`,
 * `'-1 year'` or `'1 mo'` (a year is 365 days, a month 30 days), as the official client's
 * `fromNow`. An empty or missing offset gives `reference` itself.
 * @throws TypeError on a malformed expression; RangeError when the result is not a valid Date.
 */
export function fromNow(offset: string = '', reference: Date = new Date()): Date {
  if (!(reference instanceof Date) || Number.isNaN(reference.getTime())) throw new TypeError('fromNow: reference must be a valid Date');
  const parts = parseTimeOffset(offset);
  let ms = reference.getTime();
  for (const unit of UNITS) ms += parts[unit.key] * unit.ms;
  const result = new Date(ms);
  if (Number.isNaN(result.getTime())) throw new RangeError(`fromNow: ${JSON.stringify(offset)} moves the date out of the range of Date`);
  return result;
}

/**
 * {@link fromNow} as an ISO 8601 UTC timestamp (`Date.prototype.toJSON`), the form Taskcluster
 * payloads take for `deadline`, `expires`, …
 */
export function fromNowJSON(offset: string = '', reference: Date = new Date()): string {
  return fromNow(offset, reference).toJSON();
}
