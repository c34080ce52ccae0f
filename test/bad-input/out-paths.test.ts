// Paths and URLs a newcomer may give that must never cost data or leak: an empty --out (the
// current directory), a linked --out, a fetch into a mirror holding somebody's files, a root URL
// with credentials or a query, a package name npm or Node.js would not resolve. Review findings.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from '../../generator/generate.ts';
import { GenerateError } from '../../generator/errors.ts';
import { assertReplaceableMirror } from '../../generator/load/mirror-dir.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function tcgen(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/tcgen.js'), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function appDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tcgen-out-paths-'));
  await writeFile(path.join(dir, 'keep.txt'), 'precious\n');
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'main.ts'), 'export {};\n');
  return dir;
}

test('an empty --out (or --references, --names) is a usage error, exit 2, and the current directory keeps its files', async () => {
  const dir = await appDir();
  for (const args of [['--out='], ['--out', ''], ['--references', '', '--out', 'x'], ['--out', 'x', '--names', '']]) {
    const result = await tcgen(['generate', ...args], dir);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr.split('\n')[0]!, /^tcgen generate: --(out|references|names) needs a path, got an empty string$/);
  }
  assert.deepEqual((await readdir(dir)).sort(), ['keep.txt', 'src']);
  assert.equal(await readFile(path.join(dir, 'keep.txt'), 'utf8'), 'precious\n');
  // The library refuses it too, before reading anything.
  await assert.rejects(generate({ out: '' }), (error: unknown) => error instanceof GenerateError && /needs a path/.test(error.message));
});

test('a linked --out stays a link: the directory it points to gets the package', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tcgen-out-link-'));
  await mkdir(path.join(dir, 'real'));
  await symlink('real', path.join(dir, 'link'));
  const result = await tcgen(['generate', '--out', 'link'], dir);
  assert.equal(result.code, 0, result.stderr);
  assert.ok((await lstat(path.join(dir, 'link'))).isSymbolicLink());
  assert.ok((await readdir(path.join(dir, 'real'))).includes('package.json'));
  const again = await tcgen(['generate', '--out', 'link', '--check'], dir);
  assert.equal(again.code, 0, again.stderr);
});

test('root URLs with credentials, a query or a fragment are usage errors (they would be written into every schema link)', async () => {
  const dir = await appDir();
  for (const [flag, url, why] of [
    ['--root-url', 'http://user:pw@127.0.0.1:9/', /without credentials/],
    ['--docs-root-url', 'https://user@tc.example.com', /without credentials/],
    ['--docs-root-url', 'https://tc.example.com/?x=1#frag', /has no query or fragment/],
    ['--root-url', 'https://tc.example.com/#x', /has no query or fragment/],
  ] as const) {
    const result = await tcgen(['generate', flag, url, '--out', 'x'], dir);
    assert.equal(result.code, 2, `${flag} ${url}: ${result.stderr}`);
    assert.match(result.stderr.split('\n')[0]!, why);
    assert.ok(!result.stderr.includes('pw'), 'the password is not echoed');
  }
});

test('--name npm refuses (node_modules, favicon.ico) or a Node.js built-in would shadow (http, fs) is a usage error', async () => {
  const dir = await appDir();
  for (const name of ['node_modules', 'favicon.ico', 'http', 'fs']) {
    const result = await tcgen(['generate', '--name', name, '--out', 'x'], dir);
    assert.equal(result.code, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr.split('\n')[0]!, /^tcgen generate: --name: /);
  }
});

test('tcgen fetch replaces an earlier mirror, but not one holding other files beside references/ and schemas/', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tcgen-mirror-'));
  await mkdir(path.join(dir, 'references'), { recursive: true });
  await mkdir(path.join(dir, 'schemas'));
  await writeFile(path.join(dir, 'references', 'manifest.json'), '{}');
  await assertReplaceableMirror(dir);
  await writeFile(path.join(dir, 'NOTES.md'), 'mine\n');
  await mkdir(path.join(dir, '.git'));
  await assert.rejects(assertReplaceableMirror(dir), (error: unknown) => {
    assert.ok(error instanceof GenerateError);
    assert.deepEqual(error.problems.map((p) => p.location), [path.join(dir, '.git'), path.join(dir, 'NOTES.md')]);
    assert.match(error.problems[0]!.message, /remove it, or choose another --out/);
    return true;
  });
});
