// The command line as a new user meets it: exact exit codes and messages for --version, no
// command, a bad --root-url, a --references directory that is not there, every flag in
// generate --help, and problems of independent documents reported together in one run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GENERATE_OPTIONS } from '../../generator/commands/generate.ts';
import { Raw, apiReference, entry, objectSchema, workspace } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function tcgen(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/tcgen.js'), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('tcgen --version prints the version of tcgen, exit 0', async () => {
  const { version } = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(await tcgen(['--version']), { code: 0, stdout: `tcgen ${version}\n`, stderr: '' });
});

test('tcgen with no command: the reason and the usage on stderr, exit 2', async () => {
  const help = await tcgen(['--help']);
  assert.equal(help.code, 0);
  assert.deepEqual(await tcgen([]), { code: 2, stdout: '', stderr: `tcgen: no command given\n\n${help.stdout}` });
});

test('--root-url that is not a URL is a usage error naming the flag, exit 2 (generate and fetch)', async () => {
  const generate = await tcgen(['generate', '--root-url', 'not-a-url', '--out', 'nowhere']);
  const help = await tcgen(['generate', '--help']);
  assert.deepEqual(generate, { code: 2, stdout: '', stderr: `tcgen generate: --root-url "not-a-url" is not a URL (expected e.g. https://tc.example.com)\n\n${help.stdout}` });
  const ftp = await tcgen(['generate', '--root-url', 'ftp://tc.example.com']);
  assert.equal(ftp.code, 2);
  assert.equal(ftp.stderr.split('\n')[0], 'tcgen generate: --root-url "ftp://tc.example.com" is not an http or https URL');
  const fetch = await tcgen(['fetch', '--root-url', 'not-a-url', '--out', 'nowhere']);
  assert.equal(fetch.code, 2);
  assert.equal(fetch.stderr.split('\n')[0], 'tcgen fetch: --root-url "not-a-url" is not a URL (expected e.g. https://tc.example.com)');
});

test('--check with --pack is a usage error, exit 2', async () => {
  const { code, stdout, stderr } = await tcgen(['generate', '--check', '--pack']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr.split('\n')[0], 'tcgen generate: --check and --pack cannot be used together');
});

test('--name and --package-version npm would refuse are usage errors naming the flag, exit 2', async () => {
  const { code, stderr } = await tcgen(['generate', '--name', 'Not A Name', '--package-version', 'v1']);
  assert.equal(code, 2);
  assert.deepEqual(stderr.split('\n').slice(0, 2), [
    'tcgen generate: --name: "Not A Name" is not an npm package name (lower case letters, digits, - . _ ~, optionally @scope/)',
    'tcgen generate: --package-version: "v1" is not a semantic version such as 1.2.3 or 2.0.0-beta.1',
  ]);
});

test('--references that does not exist, or holds no references/manifest.json: said so, the path as typed, exit 1', async () => {
  assert.deepEqual(await tcgen(['generate', '--references', '/does/not/exist']), { code: 1, stdout: '', stderr: '/does/not/exist: the references directory does not exist\n' });
  const ws = await workspace({});
  try {
    await mkdir(path.join(ws.dir, 'empty'));
    // Typed relative to the working directory: named exactly so, not rewritten.
    assert.deepEqual(await tcgen(['generate', '--references', './empty/', '--out', 'out'], ws.dir), {
      code: 1,
      stdout: '',
      stderr: './empty/: has no references/manifest.json (expected a mirror of a deployment root, as `tcgen fetch` writes)\n',
    });
    assert.deepEqual(await tcgen(['generate', '--references', 'missing', '--out', 'out'], ws.dir), { code: 1, stdout: '', stderr: 'missing: the references directory does not exist\n' });
  } finally {
    await ws.dispose();
  }
});

test('generate --help lists every flag the parser accepts', async () => {
  const { code, stdout } = await tcgen(['generate', '--help']);
  assert.equal(code, 0);
  const listed = [...stdout.matchAll(/^ {2}(?:-[a-z], )?(--[a-z-]+)/gm)].map((m) => m[1]);
  assert.deepEqual(listed.sort(), Object.keys(GENERATE_OPTIONS).map((flag) => `--${flag}`).sort());
});

test('problems of independent documents are reported together: a broken schema in one service, a missing schema and a bad route in another, a dangling $ref in a third', async () => {
  const other = (name: string) => `/schemas/y/v1/${name}`;
  const ws = await workspace({
    '/references/manifest.json': { $schema: '/schemas/common/manifest-v3.json#', references: ['/references/x/v1/api.json', '/references/y/v1/api.json', '/references/z/v1/api.json'] },
    // Found only while modelling: still listed with the load and validation problems of x and y.
    '/references/z/v1/api.json': apiReference([entry({ name: 'd', route: '/d', output: 'v1/out.json#' })], { serviceName: 'z' }),
    '/schemas/z/v1/out.json': { $schema: 'http://json-schema.org/draft-06/schema#', $id: '/schemas/z/v1/out.json#', type: 'object', properties: { a: { $ref: '#/definitions/missing' } } },
    '/references/x/v1/api.json': apiReference([entry({ name: 'a', method: 'post', route: '/a', input: 'v1/in.json#' })]),
    '/schemas/x/v1/in.json': new Raw('{"type": "object",}'),
    '/references/y/v1/api.json': apiReference([entry({ name: 'b', route: '/b', output: 'v1/gone.json#' }), entry({ name: 'c', route: '/c/<id>' })], { serviceName: 'y' }),
    [other('unused.json')]: objectSchema('unused.json', {}),
  });
  try {
    const { code, stdout, stderr } = await tcgen(['generate', '--references', ws.references, '--out', ws.out]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.deepEqual(ws.normalize(stderr).split('\n'), [
      'references/schemas/x/v1/in.json: not valid JSON at line 1, column 19: expected double-quoted property name',
      'references/references/y/v1/api.json#/entries/0/output: "v1/gone.json#" names a schema that cannot be read (references/schemas/y/v1/gone.json: file not found)',
      'references/references/y/v1/api.json#/entries/1/route: route parameter <id> is not listed in args',
      'references/schemas/z/v1/out.json#/properties/a/$ref: $ref "#/definitions/missing" cannot be resolved: no schema at pointer "/definitions/missing" in references/schemas/z/v1/out.json',
      '',
    ]);
    // Validation problems alone (every document read) do not hide the modelling problems of another service either.
    await writeFile(path.join(ws.references, 'schemas/x/v1/in.json'), '{"type": "object"}');
    await writeFile(path.join(ws.references, 'schemas/y/v1/gone.json'), JSON.stringify({ $id: '/schemas/y/v1/gone.json#', type: 'object' }));
    const again = await tcgen(['generate', '--references', ws.references, '--out', ws.out]);
    assert.deepEqual(ws.normalize(again.stderr).split('\n'), [
      'references/references/y/v1/api.json#/entries/1/route: route parameter <id> is not listed in args',
      'references/schemas/z/v1/out.json#/properties/a/$ref: $ref "#/definitions/missing" cannot be resolved: no schema at pointer "/definitions/missing" in references/schemas/z/v1/out.json',
      '',
    ]);
  } finally {
    await ws.dispose();
  }
});
