// The tcgen CLI as a build step runs it: --check on the committed output, a one-byte change
// detected and named, --help on every command, usage errors exit 2.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { COMMITTED_OUTPUT, REPO_ROOT, copyTree, temporaryDir } from './helpers.ts';

function tcgen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin/tcgen.js'), ...args], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('--check passes on the committed generated/', async () => {
  const result = await tcgen(['generate', '--check']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  assert.equal(result.stdout, 'generated is up to date\n');
});

test('--check fails after a one-byte change, naming the file, and writes nothing', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const out = path.join(dir, 'generated');
    await copyTree(COMMITTED_OUTPUT, out);
    const target = path.join(out, 'dist/services/purge-cache.js');
    const original = await readFile(target);
    const changed = Buffer.from(original);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
    await writeFile(target, changed);
    const result = await tcgen(['generate', '--check', '--out', out]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `${out}/dist/services/purge-cache.js: differs from what the generator makes\n1 file(s) out of date: run \`tcgen generate\`\n`);
    assert.ok((await readFile(target)).equals(changed), '--check must not write');
  } finally {
    await cleanup();
  }
});

test('--check names a deleted file as missing', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const out = path.join(dir, 'generated');
    await copyTree(COMMITTED_OUTPUT, out);
    await rm(path.join(out, 'dist/services/purge-cache.d.ts'));
    const result = await tcgen(['generate', '--check', '--out', out]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `${out}/dist/services/purge-cache.d.ts: missing (the generator makes it)\n1 file(s) out of date: run \`tcgen generate\`\n`);
  } finally {
    await cleanup();
  }
});

test('--check with a missing --out says so in one line, exit 1, and creates nothing', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const out = path.join(dir, 'missing');
    const result = await tcgen(['generate', '--check', '--out', out]);
    assert.deepEqual(result, { code: 1, stdout: '', stderr: `${out}: the output directory does not exist: run \`tcgen generate\` to make it\n` });
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await cleanup();
  }
});

test('--help on every command, exit 0; unknown flags and commands exit 2 with the usage', async () => {
  for (const args of [['--help'], ['generate', '--help'], ['fetch', '--help']]) {
    const result = await tcgen(args);
    assert.equal(result.code, 0, args.join(' '));
    assert.match(result.stdout, /^Usage: tcgen/);
  }
  const flag = await tcgen(['generate', '--nope']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^tcgen generate: unknown option '--nope'/);
  assert.match(flag.stderr, /Usage: tcgen generate/);
  const command = await tcgen(['frobnicate']);
  assert.equal(command.code, 2);
  assert.match(command.stderr, /^tcgen: unknown command "frobnicate"/);
  const both = await tcgen(['generate', '--references', 'a', '--root-url', 'http://x']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--references and --root-url cannot be used together/);
});

test('an option taking a value given twice is a usage error naming it, and nothing is written; a repeated flag is harmless', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    const cases: Array<[string[], string[]]> = [
      [['generate', '--out', a, `--out=${b}`], ['tcgen generate: --out is given 2 times; it takes one value']],
      [['generate', '--references', 'references', '--references', 'references', '--out', a, '--root-url', 'http://x', '--root-url', 'http://y'], ['tcgen generate: --references is given 2 times; it takes one value', 'tcgen generate: --root-url is given 2 times; it takes one value', 'tcgen generate: --references and --root-url cannot be used together']],
      [['generate', '--out', a, '--name', 'x', '--name', 'y', '--name', 'z'], ['tcgen generate: --name is given 3 times; it takes one value']],
      [['fetch', '--root-url', 'http://x', '--out', a, '--out', b], ['tcgen fetch: --out is given 2 times; it takes one value']],
      [['diff', 'references', 'references', '--fail-on', 'major', '--fail-on', 'minor'], ['tcgen diff: --fail-on is given 2 times; it takes one value']],
    ];
    for (const [args, lines] of cases) {
      const result = await tcgen(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.deepEqual(result.stderr.split('\n\n')[0]!.split('\n'), lines, args.join(' '));
      assert.match(result.stderr, /\n\nUsage: tcgen /);
    }
    assert.deepEqual(await readdir(dir), [], 'nothing written');
    // A boolean flag twice means what it means once.
    assert.deepEqual(await tcgen(['generate', '--check', '--check']), { code: 0, stdout: 'generated is up to date\n', stderr: '' });
  } finally {
    await cleanup();
  }
});

test('generate --root-url downloads with a progress line on a terminal, erased at the end', async () => {
  const { startStaticServer } = await import('../load/static-server.ts');
  const { runGenerateCommand } = await import('../../generator/commands/generate.ts');
  const server = await startStaticServer(path.join(REPO_ROOT, 'references'));
  const { dir, cleanup } = await temporaryDir();
  try {
    let stdout = '';
    let stderr = '';
    const out = path.join(dir, 'out');
    const code = await runGenerateCommand(['--root-url', server.url, '--out', out], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { isTTY: true, write: (text: string) => (stderr += text) },
    });
    assert.equal(code, 0, stderr);
    const { listFiles } = await import('../../generator/write/write.ts');
    assert.equal(stdout, `Wrote ${(await listFiles(COMMITTED_OUTPUT)).length} files to ${out}\n`);
    // manifest, api.json and the four schemas: six documents in all.
    assert.match(stderr, /\r\x1b\[Kdownloading 6\/6/);
    assert.ok(stderr.endsWith('\r\x1b[K'), 'the progress line is erased at the end');
  } finally {
    await server.close();
    await cleanup();
  }
});
