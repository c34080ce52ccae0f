// fromNow / fromNowJSON against the official client's (taskcluster-client 87.1.3, utils.js and
// parsetime.js) on a table covering every unit spelling, both signs, combinations, spacing and
// case; malformed expressions are refused by both, ours with a message that shows the syntax.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromNow, fromNowJSON, parseTimeOffset } from '../../templates/runtime/index.ts';
import { officialClient } from '../corpus/helpers.ts';

const SPELLINGS: Record<string, string[]> = {
  years: ['y', 'yr', 'year', 'years'],
  months: ['mo', 'month', 'months'],
  weeks: ['w', 'wk', 'week', 'weeks'],
  days: ['d', 'day', 'days'],
  hours: ['h', 'hr', 'hour', 'hours'],
  minutes: ['m', 'min', 'minute', 'minutes'],
  seconds: ['s', 'sec', 'second', 'seconds'],
};

const VALID: string[] = [
  '', ' ', '0 s', '-0 d', '+0 d', '-', '+',
  // every spelling of every unit, with both signs, with and without spaces, upper case
  ...Object.values(SPELLINGS).flatMap((spellings) =>
    spellings.flatMap((unit, i) => [`${i + 1} ${unit}`, `-${i + 2}${unit}`, `+ ${i + 3}  ${unit}`, ` - 1 ${unit.toUpperCase()} `]),
  ),
  '2 days 3 hours', '-1 year', '1 mo', '1d2h3min', '1y2mo3w4d5h6m7s', '- 1y 2mo 3w 4d 5h 6m 7s', '10 years 11 months',
  '3 weeks 1 second', '1 hour 30 minutes', '90 min', '100000 s', '-  45 sec', '1Y 1MO', '  7  d  ', '1 mo 1 m', '2 M', '20000 years',
];

const MALFORMED: string[] = [
  'tomorrow', '1', 'd', '1 day 1 year', '2 hours 1 day', '1 d 2 d', '1 fortnight', '1.5 days', '--1 d', '1 d -2 h',
  '1 months ago', 'one day', '1 dayss', '1 mins', '1 h, 2 m', '+-1 s', '1e3 s', '0x10 s',
];

const REFERENCE = new Date('2024-02-29T12:34:56.789Z');

test('fromNow and fromNowJSON give what the official client gives, on every unit, spelling and sign', async () => {
  const { tc } = await officialClient();
  assert.ok(VALID.length > 100, `table has ${VALID.length} rows`);
  for (const offset of VALID) {
    const theirs = (tc.fromNow as (o: string, r: Date) => Date)(offset, REFERENCE);
    assert.equal(fromNow(offset, REFERENCE).getTime(), theirs.getTime(), `fromNow(${JSON.stringify(offset)})`);
    assert.equal(fromNowJSON(offset, REFERENCE), (tc.fromNowJSON as (o: string, r: Date) => string)(offset, REFERENCE), `fromNowJSON(${JSON.stringify(offset)})`);
  }
});

test('the units are as documented: a year is 365 days, a month 30, and the sign applies to every part', () => {
  const day = 86_400_000;
  const at = (offset: string) => fromNow(offset, REFERENCE).getTime() - REFERENCE.getTime();
  assert.equal(at('1 year'), 365 * day);
  assert.equal(at('1 mo'), 30 * day);
  assert.equal(at('2 days 3 hours'), 2 * day + 3 * 3_600_000);
  assert.equal(at('-1 d 1 s'), -(day + 1000));
  assert.equal(at('1 m'), 60_000, 'm is minutes; mo is months');
  assert.deepEqual(parseTimeOffset('- 1y 2mo 3w 4d 5h 6m 7s'), { years: -1, months: -2, weeks: -3, days: -4, hours: -5, minutes: -6, seconds: -7 });
  assert.deepEqual(parseTimeOffset(''), { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
  assert.ok(Object.is(parseTimeOffset('-0 s').seconds, 0), 'no negative zero');
});

test('malformed offsets are refused by both, ours with a TypeError that names the expression and the syntax', async () => {
  const { tc } = await officialClient();
  for (const offset of MALFORMED) {
    assert.throws(() => (tc.fromNow as (o: string, r: Date) => Date)(offset, REFERENCE), `the official client refuses ${JSON.stringify(offset)}`);
    assert.throws(() => fromNow(offset, REFERENCE), (error: Error) => {
      assert.ok(error instanceof TypeError);
      assert.ok(error.message.startsWith(`${JSON.stringify(offset)} is not a time expression: expected e.g. '2 days 3 hours'`), error.message);
      assert.match(error.message, /years, months, weeks, days, hours, minutes, seconds/);
      return true;
    });
    assert.throws(() => fromNowJSON(offset, REFERENCE), TypeError);
  }
  // @ts-expect-error offsets are strings
  assert.throws(() => fromNow(5), TypeError);
  assert.throws(() => fromNow('1 d', new Date(NaN)), /reference must be a valid Date/);
  assert.throws(() => fromNow('300000 years', REFERENCE), RangeError, 'beyond the range of Date: refused (the official client gives an Invalid Date)');
});

test('without a reference, the offset is from now', () => {
  const before = Date.now();
  const value = fromNow('1 hour').getTime();
  assert.ok(value >= before + 3_600_000 && value <= Date.now() + 3_600_000);
  assert.match(fromNowJSON(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});
