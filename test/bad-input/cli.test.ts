import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runGenerateCommand } from '../../generator/commands/generate.ts';
import { apiReference, entry, workspace, xTree } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BAD = xTree(apiReference([entry({ method: 'yell' }), entry({ route: '/p/<id>' })]));
const BAD_LINES = [
  'references/references/x/v1/api.json#/entries/0/method: unknown HTTP method: expected one of get, post, put, delete, patch, found "yell"',
  'references/references/x/v1/api.json#/entries/1/route: route parameter <id> is not listed in args',
  'references/references/x/v1/api.json#/entries/1/name: duplicate entry name "ping" (first at /entries/0)',
];

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runGenerateCommand(argv, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } } as never);
  return { code, stdout, stderr };
}

test('bad references: exit 1, one line per problem on stderr, all of them, no stack trace', async () => {
  const ws = await workspace(BAD);
  try {
    const { code, stdout, stderr } = await run(['--references', ws.references, '--out', ws.out]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.deepEqual(ws.normalize(stderr).split('\n'), [...BAD_LINES, '']);
  } finally {
    await ws.dispose();
  }
});

test('--debug adds the stack trace', async () => {
  const ws = await workspace(BAD);
  try {
    const { code, stderr } = await run(['--references', ws.references, '--out', ws.out, '--debug']);
    assert.equal(code, 1);
    assert.match(stderr, /GenerateError: [\s\S]*\n\s+at /);
  } finally {
    await ws.dispose();
  }
});

for (const [name, argv, message] of [
  ['an unknown option', ['--refs', 'x'], "tcgen generate: unknown option '--refs'"],
  ['a positional argument', ['references'], "tcgen generate: unexpected argument 'references'. This command does not take positional arguments"],
  ['an option without its value', ['--out'], "tcgen generate: option '--out <value>' argument missing"],
  ['--references with --root-url', ['--references', 'r', '--root-url', 'https://tc.example.com'], 'tcgen generate: --references and --root-url cannot be used together'],
] as const) {
  test(`usage error (${name}): exit 2, the reason and the usage text`, async () => {
    const { code, stdout, stderr } = await run([...argv]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    const [first, blank, usage] = stderr.split('\n');
    assert.deepEqual([first, blank, usage], [message, '', 'Usage: tcgen generate [--references DIR | --root-url URL] [--docs-root-url URL] [--out DIR] [--names FILE]']);
  });
}

test('the real CLI process: exit 1 and the problems on stderr; exit 2 on a usage error', async () => {
  const ws = await workspace(BAD);
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(REPO, 'generator/cli.ts'), ...args], { cwd: REPO, timeout: 120_000 }, (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }));
    });
  try {
    const bad = await cli(['generate', '--references', ws.references, '--out', ws.out]);
    assert.equal(bad.code, 1);
    assert.deepEqual(ws.normalize(bad.stderr).split('\n'), [...BAD_LINES, '']);
    const usage = await cli(['generate', '--nope']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^tcgen generate: unknown option '--nope'[\s\S]*\nUsage: tcgen generate /);
    const unknown = await cli(['make']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^tcgen: unknown command "make"\n\nUsage: tcgen <command>/);
  } finally {
    await ws.dispose();
  }
});
