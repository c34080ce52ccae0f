// One `tcgen diff` of a reference with itself in this (fresh, plain node) process, through the
// compiled generator (lib/); prints {modelsMs, diffMs, inProcessMs, changes} as JSON on stdout.
import { snapshotsOf } from '../lib/diff/model-of.js';
import { diffSnapshots } from '../lib/diff/diff.js';

const [reference] = process.argv.slice(2);
const start = performance.now();
const [before, after] = await snapshotsOf([reference, reference]);
const modelled = performance.now();
const report = diffSnapshots(before, after);
const end = performance.now();
process.stdout.write(JSON.stringify({ modelsMs: modelled - start, diffMs: end - modelled, inProcessMs: end - start, changes: report.changes.length }) + '\n');
