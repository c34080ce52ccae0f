// `tcgen diff` as a command (mirror directories and root URLs, formats, exit codes, located
// errors, usage) and `tcgen generate --diff` against the model its stamp records.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runDiffCommand } from '../../generator/commands/diff.ts';
import { runGenerateCommand } from '../../generator/commands/generate.ts';
import { generate } from '../../generator/generate.ts';
import { REPO_ROOT, temporaryDir } from '../generator/helpers.ts';
import { startStaticServer } from '../load/static-server.ts';
import { baseFiles, variant, writeMirror } from './helpers.ts';

const REQUEST = '/schemas/alpha/v1/thing-request.json';
const ALPHA = '/references/alpha/v1/api.json';

/** base → variant: one minor change (an optional input property) and one patch (a description). */
const changed = variant((f) => {
  f[REQUEST].properties.color = { type: 'string' };
  f[ALPHA].entries[0].description = 'Responds, and does nothing else.';
});
const EXPECTED = {
  verdict: 'minor',
  changes: [
    { kind: 'method-changed', service: 'alpha', name: 'ping', class: 'patch', reason: 'description changed' },
    { kind: 'type-changed', service: 'alpha', name: 'ThingRequest', pointer: '/properties/color', class: 'minor', reason: 'optional property "color" added in an input: callers may leave it out' },
  ],
};
const TEXT = [
  'verdict: minor (1 minor, 1 patch)',
  '',
  'alpha',
  '  patch  method changed    ping: description changed',
  '  minor  type changed      ThingRequest#/properties/color: optional property "color" added in an input: callers may leave it out',
  '',
].join('\n');

let dir: string;
let cleanup: () => Promise<void>;
let oldDir: string;
let newDir: string;
before(async () => {
  ({ dir, cleanup } = await temporaryDir('tcgen-diff-'));
  oldDir = await writeMirror(path.join(dir, 'old'), baseFiles());
  newDir = await writeMirror(path.join(dir, 'new'), changed);
});
after(() => cleanup?.());

async function diff(args: string[], stdoutIsTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiffCommand(args, { stdout: { isTTY: stdoutIsTTY, write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

test('two mirror directories: JSON off a terminal (the default there), text on one', async () => {
  const json = await diff([oldDir, newDir]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), EXPECTED);
  const text = await diff([oldDir, newDir], true);
  assert.equal(text.stdout, TEXT);
  assert.equal((await diff([oldDir, newDir, '--format', 'text'])).stdout, TEXT);
});

test('markdown: verdict, counts per service, one line per change', async () => {
  const { stdout } = await diff([oldDir, newDir, '--format', 'markdown']);
  assert.equal(stdout, [
    '### API changes: **minor**',
    '',
    '| service | major | minor | patch |',
    '|---|---:|---:|---:|',
    '| alpha |  | 1 | 1 |',
    '',
    '#### alpha',
    '',
    '- **minor** type changed `ThingRequest#/properties/color`: optional property "color" added in an input: callers may leave it out',
    '- **patch** method changed `ping`: description changed',
    '',
  ].join('\n'));
});

test('--fail-on: exit 3 when the verdict meets it, 0 when not', async () => {
  assert.equal((await diff([oldDir, newDir, '--fail-on', 'minor'])).code, 3);
  assert.equal((await diff([oldDir, newDir, '--fail-on', 'major'])).code, 0);
  assert.equal((await diff([newDir, newDir, '--fail-on', 'minor'])).code, 0);
});

test('a root URL on either side reads through the same loader', async () => {
  const server = await startStaticServer(oldDir);
  try {
    const result = await diff([server.url, newDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), EXPECTED);
    assert.ok((server.hits.get('/references/manifest.json') ?? 0) >= 1);
    // On a terminal, one progress line (manifest, three references, three schemas), erased at the end.
    let stderr = '';
    await runDiffCommand([server.url, newDir], { stdout: { write: () => true }, stderr: { isTTY: true, write: (t: string) => (stderr += t) } });
    assert.match(stderr, /\r\x1b\[Kdownloading 7\/7/);
    assert.ok(stderr.endsWith('\r\x1b[K'), 'the progress line is erased');
  } finally {
    await server.close();
  }
});

test('problems in both references are all reported, located as generate reports them, exit 1', async () => {
  const brokenOld = await writeMirror(path.join(dir, 'broken-old'), variant((f) => (f[ALPHA].entries[1].route = '/thing/<thingId>/<extra>')));
  const brokenNew = await writeMirror(path.join(dir, 'broken-new'), variant((f) => (f[ALPHA].entries[2].input = 'v1/missing.json#')));
  const result = await diff([brokenOld, brokenNew]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  const located = (root: string, file: string) => path.join(root, file); // absolute, as the references were given
  const lines = result.stderr.trimEnd().split('\n');
  assert.deepEqual(lines, [
    `${located(brokenOld, ALPHA)}#/entries/1/route: route parameter <extra> is not listed in args`,
    `${located(brokenNew, ALPHA)}#/entries/2/input: "v1/missing.json#" names a schema that cannot be read (${located(brokenNew, '/schemas/alpha/v1/missing.json')}: file not found)`,
  ]);
  // The same lines `generate` reports for each reference.
  for (const [reference, line] of [[brokenOld, lines[0]], [brokenNew, lines[1]]] as const) {
    await assert.rejects(generate({ references: reference, out: path.join(dir, 'unused'), check: true }), (error: Error) => error.message === line);
  }
});

test('a reference with a document that cannot be read still has its other problems reported, as generate reports them', async () => {
  const broken = await writeMirror(
    path.join(dir, 'broken-both'),
    variant((f) => {
      f[ALPHA].entries[1].route = '/thing/<thingId>/<extra>';
      f[ALPHA].entries[2].input = 'v1/missing.json#';
    }),
  );
  const result = await diff([oldDir, broken]);
  assert.equal(result.code, 1);
  const located = (file: string) => path.join(broken, file); // absolute, as the reference was given
  assert.deepEqual(result.stderr.trimEnd().split('\n'), [
    `${located(ALPHA)}#/entries/2/input: "v1/missing.json#" names a schema that cannot be read (${located('/schemas/alpha/v1/missing.json')}: file not found)`,
    `${located(ALPHA)}#/entries/1/route: route parameter <extra> is not listed in args`,
  ]);
  await assert.rejects(generate({ references: broken, out: path.join(dir, 'unused'), check: true }), (error: Error) => error.message === result.stderr.trimEnd());
  // The same broken reference as OLD and NEW: each problem once.
  const twice = await diff([broken, broken]);
  assert.equal(twice.code, 1);
  assert.equal(twice.stderr, result.stderr);
});

test('--names: a retitled schema keeps the name recorded in an output\'s stamp, as generate keeps it (a title change, not a rename)', async () => {
  const retitled = await writeMirror(path.join(dir, 'retitled'), variant((f) => (f[REQUEST].title = 'Thing Order')));
  const lockless = await diff([oldDir, retitled]);
  assert.equal(JSON.parse(lockless.stdout).verdict, 'major', 'without --names, the new title gives a new name: a rename');
  const out = path.join(dir, 'out-old');
  await generate({ references: oldDir, out });
  const titleOnly = { verdict: 'patch', changes: [{ kind: 'type-changed', service: 'alpha', name: 'ThingRequest', pointer: '/title', class: 'patch', reason: 'title changed' }] };
  for (const names of [out, path.join(out, '.tcgen.json')]) {
    const result = await diff([oldDir, retitled, '--names', names]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), titleOnly);
  }
  // The same report generate --diff gives regenerating that output.
  const { diff: report } = await generate({ references: retitled, out, diff: true });
  assert.deepEqual(report, titleOnly);
  const missing = await diff([oldDir, retitled, '--names', path.join(dir, 'no-such-output')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no-such-output: cannot read the name lock \(ENOENT\)/);
});

test('usage errors exit 2 with the usage; --help exits 0', async () => {
  for (const args of [[oldDir], [oldDir, newDir, 'third'], [oldDir, newDir, '--format', 'yaml'], [oldDir, newDir, '--fail-on', 'patch'], [oldDir, newDir, '--nope']]) {
    const result = await diff(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /^tcgen diff: .+\n[^]*Usage: tcgen diff OLD NEW/, args.join(' '));
  }
  // Node's parseArgs advice on positionals starting with '-' is not passed on: one line, as generate's.
  assert.match((await diff([oldDir, newDir, '--nope'])).stderr, /^tcgen diff: unknown option '--nope'\n\nUsage: /);
  const help = await diff(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: tcgen diff OLD NEW \[--format text\|markdown\|json\] \[--fail-on major\|minor\]/);
});

test('bin/tcgen.js diff: a real process, its exit code and JSON on a pipe', async () => {
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin/tcgen.js'), 'diff', oldDir, newDir, '--fail-on', 'minor'], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
  assert.equal(result.code, 3);
  assert.deepEqual(JSON.parse(result.stdout), EXPECTED);
});

test('bin/tcgen.js diff into a pipe its reader has closed (`| head`): the exit code as usual, no EPIPE crash', async () => {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/tcgen.js'), 'diff', oldDir, newDir, '--format', 'text', '--fail-on', 'minor'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 3);
});

test('generate --diff: the verdict against the output it replaces, from the model in its stamp', async () => {
  const out = path.join(dir, 'package');
  const run = async (references: string) => {
    let stdout = '';
    let stderr = '';
    const code = await runGenerateCommand(['--references', references, '--out', out, '--diff'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    assert.equal(code, 0, stderr);
    return stdout;
  };
  assert.match(await run(oldDir), /^diff: .*\.tcgen\.json records no model to compare with \(no earlier output, or one from an older tcgen\)\nWrote \d+ files to /);
  assert.match(await run(newDir), new RegExp(`^changes since the output replaced, ${TEXT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}Wrote \\d+ files to `));
  assert.equal(await run(newDir), `changes since the output replaced, verdict: none (no changes)\n${out} is up to date\n`);
  // A fresh directory with --names (the last published package's stamp) compares with that stamp's model.
  const fresh = path.join(dir, 'fresh');
  const { diff: fromNames } = await generate({ references: newDir, out: fresh, diff: true, names: path.join(out, '.tcgen.json') });
  assert.equal(fromNames?.verdict, 'none');
  // The library call gives the report itself.
  const { diff: report } = await generate({ references: oldDir, out, diff: true, check: true });
  assert.deepEqual(report, {
    verdict: 'major',
    changes: [
      { kind: 'method-changed', service: 'alpha', name: 'ping', class: 'patch', reason: 'description changed' },
      { kind: 'type-changed', service: 'alpha', name: 'ThingRequest', pointer: '/properties/color', class: 'major', reason: 'property "color" removed in an input: calls that set it stop compiling or are refused' },
    ],
  });
});

test('a required input property added, seen through the command: --fail-on major exits 3, text names it major', async () => {
  // The rule's second angle (rules.test.ts has the first): mirror files on disk, the command's exit code and text.
  const required = await writeMirror(
    path.join(dir, 'required'),
    variant((f) => {
      f[REQUEST].properties.color = { type: 'string' };
      f[REQUEST].required.push('color');
    }),
  );
  const result = await diff([oldDir, required, '--fail-on', 'major', '--format', 'text']);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stdout, /^verdict: major \(1 major\)\n/);
  assert.match(result.stdout, /\n {2}major {2}type changed {6}ThingRequest#\/properties\/color: required property "color" added in an input/);
  // Optional, the same property is minor: the class comes from `required`, nothing else.
  assert.equal((await diff([oldDir, newDir, '--fail-on', 'major'])).code, 0);
});
