// Tests that cannot hang the suite: `npm test` gives every test a timeout, and every child process
// a test starts has one of its own (killed, so a hung child fails its test instead of keeping
// the runner alive). Checked on the sources: a new spawn without a timeout fails here.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers.ts';

test('npm test runs with a per-test timeout, generous for the slowest real test (minutes) yet within the suite\'s 10 minutes', async () => {
  const { scripts } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const timeout = /--test-timeout=(\d+)/.exec(scripts.test!);
  assert.ok(timeout, `no --test-timeout in ${scripts.test}`);
  const ms = Number(timeout[1]);
  assert.ok(ms >= 120_000 && ms <= 600_000, `--test-timeout=${ms}`);
});

test('every child process a test starts (execFile, spawn, spawnSync) is given a timeout', async () => {
  const testDir = path.join(REPO_ROOT, 'test');
  const files = (await readdir(testDir, { recursive: true })).filter((file) => file.endsWith('.ts')).map((file) => path.join(testDir, file));
  const missing: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    // node:child_process calls, and calls of a promisified execFile; the options come before the callback or the statement's end.
    const promisified = [...text.matchAll(/const (\w+) = promisify\(execFile\)/g)].map((m) => m[1]!);
    const callee = ['execFile', 'spawn', 'spawnSync', 'execFileSync', 'execSync', ...promisified].join('|');
    for (const call of text.matchAll(new RegExp(`\\b(?:${callee})\\((?!execFile\\))`, 'g'))) {
      const rest = text.slice(call.index);
      const end = Math.min(...[rest.indexOf('(error'), rest.indexOf(';\n')].filter((index) => index >= 0));
      // A long-lived service the test stops itself (a private broker node) is marked on the line before instead.
      const lineBefore = text.slice(0, call.index).split('\n').at(-2) ?? '';
      if (/\/\/ service:/.test(lineBefore)) continue;
      if (!/\btimeout\s*[:,}]/.test(rest.slice(0, end))) missing.push(`${path.relative(REPO_ROOT, file)}:${text.slice(0, call.index).split('\n').length}`);
    }
  }
  assert.deepEqual(missing, []);
});
