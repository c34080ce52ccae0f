import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runFetchCommand } from '../../generator/commands/fetch.ts';
import { createProgressLine } from '../../generator/load/progress-line.ts';
import { startStaticServer } from '../load/static-server.ts';

const SNAPSHOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/taskcluster-references/v87.1.3',
);
const skip = existsSync(SNAPSHOT) ? false : `reference snapshot not found at ${SNAPSHOT}`;

/** Runs the command with captured output. */
async function run(argv: string[], isTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runFetchCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { isTTY, write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

test('--help prints the usage and exits 0', async () => {
  const { code, stdout, stderr } = await run(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /^Usage: tcgen fetch --root-url URL --out DIR\n/);
  assert.equal(stderr, '');
});

test('usage errors: one line each, then the usage, exit 2', async () => {
  const missing = await run([]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^tcgen fetch: missing --root-url URL\ntcgen fetch: missing --out DIR\n\nUsage: /);
  const unknown = await run(['--root-url', 'https://tc.example.com', '--out', 'x', '--bogus']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^tcgen fetch: unknown option '--bogus'/);
  const positional = await run(['https://tc.example.com']);
  assert.equal(positional.code, 2);
});

test('a root URL that is not http(s) is a usage error naming the flag, exit 2', async () => {
  const { code, stdout, stderr } = await run(['--root-url', 'ftp://tc.example.com', '--out', 'unused']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^tcgen fetch: --root-url "ftp:\/\/tc\.example\.com" is not an http or https URL\n\nUsage: tcgen fetch /);
});

test('fetches a mirror; progress shows on a terminal and is erased', { skip }, async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-fetch-cmd-'));
  const server = await startStaticServer(SNAPSHOT);
  try {
    const out = path.join(scratch, 'mirror');
    const { code, stdout, stderr } = await run(['--root-url', server.url, '--out', out], true);
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`^Wrote \\d+ files from ${server.url} to ${out}\\n$`));
    assert.ok(existsSync(path.join(out, 'references/manifest.json')));
    assert.match(stderr, /\r\x1b\[Kfetching \d+\/\d+/);
    assert.ok(stderr.endsWith('\r\x1b[K'), 'the progress line is erased at the end');

    const failed = await run(['--root-url', server.url + '/nowhere', '--out', path.join(scratch, 'other')]);
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr, `${server.url}/nowhere/references/manifest.json: HTTP 404 Not Found\n`);
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
});

test('progress is silent when stderr is not a terminal', () => {
  let written = '';
  const line = createProgressLine({ isTTY: false, write: (text: string) => (written += text) });
  line.update(1, 2);
  line.end();
  assert.equal(written, '');
});
