// The CLI as a newcomer first meets it, run as an installed tcgen is (bin/tcgen.js) from an
// application directory elsewhere on the disk: the embedded default reference found next to tcgen,
// an explicit --references relative to the current directory, -h wherever --help works, "did you
// mean" for a close unknown command or flag, paths printed as typed (or absolute), and
// --docs-root-url making the @see schema links absolute.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { closestName, editDistance } from '../../generator/commands/flags.ts';
import { COMMITTED_OUTPUT, EMBEDDED_REFERENCES, REPO_ROOT, copyTree, temporaryDir } from './helpers.ts';

/** bin/tcgen.js run in `cwd`, killed after two minutes so that a hang fails the test instead of the suite. */
function tcgen(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin/tcgen.js'), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let app: string;
let cleanup: () => Promise<void>;

before(async () => {
  ({ dir: app, cleanup } = await temporaryDir('tcgen-app-'));
  await mkdir(path.join(app, 'src'));
});
after(() => cleanup());

test('without --references, generate uses the reference embedded in tcgen, from any directory', async () => {
  const result = await tcgen(['generate', '--out', 'src/tc'], app);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Wrote \d+ files to src\/tc\n$/);
  // The same package the committed output is (made from the embedded reference).
  assert.equal(await readFile(path.join(app, 'src/tc/dist/services/purge-cache.d.ts'), 'utf8'), await readFile(path.join(COMMITTED_OUTPUT, 'dist/services/purge-cache.d.ts'), 'utf8'));
  assert.deepEqual(await tcgen(['generate', '--check', '--out', 'src/tc'], app), { code: 0, stdout: 'src/tc is up to date\n', stderr: '' });
});

test('an explicit --references stays relative to the current directory, and is named as typed', async () => {
  const missing = await tcgen(['generate', '--references', 'references', '--out', 'src/x'], app);
  assert.deepEqual(missing, { code: 1, stdout: '', stderr: 'references: the references directory does not exist\n' });
  await copyTree(EMBEDDED_REFERENCES, path.join(app, 'mirror'));
  const relative = await tcgen(['generate', '--references', 'mirror', '--out', 'src/y', '--check'], path.join(app, 'src'));
  assert.deepEqual(relative, { code: 1, stdout: '', stderr: 'mirror: the references directory does not exist\n' });
  const found = await tcgen(['generate', '--references', '../mirror', '--out', 'y'], path.join(app, 'src'));
  assert.equal(found.code, 0, found.stderr);
});

test('problems in an absolute --references are located by absolute paths, a relative one as typed', async () => {
  const mirror = path.join(app, 'broken');
  await copyTree(EMBEDDED_REFERENCES, mirror);
  const { rm } = await import('node:fs/promises');
  await rm(path.join(mirror, 'schemas/purge-cache/v1/purge-cache-request.json'));
  const absolute = await tcgen(['generate', '--references', mirror, '--out', 'src/z'], path.join(app, 'src'));
  assert.equal(absolute.code, 1);
  assert.match(absolute.stderr, new RegExp(`^${mirror}/references/purge-cache/v1/api\\.json#/entries/\\d+/input: .*\\(${mirror}/schemas/purge-cache/v1/purge-cache-request\\.json: file not found\\)\\n$`));
  const relative = await tcgen(['generate', '--references', '../broken', '--out', 'z'], path.join(app, 'src'));
  assert.equal(relative.code, 1);
  assert.match(relative.stderr, /^\.\.\/broken\/references\/purge-cache\/v1\/api\.json#\/entries\/\d+\/input: .*\(\.\.\/broken\/schemas\/purge-cache\/v1\/purge-cache-request\.json: file not found\)\n$/);
});

test('--pack prints the tarball beside --out as typed', async () => {
  const nested = path.join(app, 'deep', 'er');
  await mkdir(nested, { recursive: true });
  const result = await tcgen(['generate', '--out', '../../packed', '--pack', '--name', '@acme/tc', '--package-version', '1.2.3'], nested);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'Wrote 87 files to ../../packed\nPacked ../../acme-tc-1.2.3.tgz\n'.replace('87', result.stdout.match(/Wrote (\d+)/)![1]!));
});

test('-h works wherever --help does, with the same text', async () => {
  for (const command of [[], ['generate'], ['fetch'], ['diff']]) {
    const long = await tcgen([...command, '--help'], app);
    const short = await tcgen([...command, '-h'], app);
    assert.equal(long.code, 0);
    assert.deepEqual(short, long, `${command.join(' ')} -h`);
  }
});

test('a close unknown command or flag gets a "did you mean"; a far one does not', async () => {
  const command = await tcgen(['genrate'], app);
  assert.equal(command.code, 2);
  assert.match(command.stderr, /^tcgen: unknown command "genrate": did you mean "generate"\?\n\nUsage: tcgen/);
  const far = await tcgen(['frobnicate'], app);
  assert.match(far.stderr, /^tcgen: unknown command "frobnicate"\n/);
  const cases: Array<[string[], string]> = [
    [['generate', '--refrences', 'x'], "tcgen generate: unknown option '--refrences': did you mean --references?"],
    [['generate', '--packageversion', '1.0.0'], "tcgen generate: unknown option '--packageversion': did you mean --package-version?"],
    [['fetch', '--root-ur', 'http://x'], "tcgen fetch: unknown option '--root-ur': did you mean --root-url?"],
    [['diff', 'a', 'b', '--fail-no', 'major'], "tcgen diff: unknown option '--fail-no': did you mean --fail-on?"],
    // A swap of two adjacent letters is one edit, as a wrong letter is.
    [['generate', '--verison'], "tcgen generate: unknown option '--verison': did you mean `tcgen --version`?"],
    [['generate', '--version'], "tcgen generate: unknown option '--version': did you mean `tcgen --version`?"],
    [['generate', '--chekc'], "tcgen generate: unknown option '--chekc': did you mean --check?"],
    [['fecth'], 'tcgen: unknown command "fecth": did you mean "fetch"?'],
    // One dash: parseArgs reads -out as -o -u -t; the answer is about the word as typed.
    [['generate', '-out', 'x'], "tcgen generate: unknown option '-out': did you mean --out?"],
    [['diff', 'a', 'b', '-format', 'json'], "tcgen diff: unknown option '-format': did you mean --format?"],
    [['--verison'], 'tcgen: unknown command "--verison": did you mean "--version"?'],
  ];
  for (const [args, line] of cases) {
    const result = await tcgen(args, app);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.stderr.split('\n')[0], line);
  }
  const unrelated = await tcgen(['generate', '--zzzzzz'], app);
  assert.equal(unrelated.stderr.split('\n')[0], "tcgen generate: unknown option '--zzzzzz'");
});

test('edit distance: a transposition of adjacent letters is one edit; unrelated words get no suggestion', () => {
  assert.equal(editDistance('fecth', 'fetch'), 1);
  assert.equal(editDistance('verison', 'version'), 1);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('fech', 'fetch'), 1);
  assert.equal(editDistance('abc', 'ca'), 3); // optimal string alignment: no edit of a transposed pair
  assert.equal(editDistance('kitten', 'sitting'), 3);
  const commands = ['generate', 'fetch', 'diff', 'help'];
  assert.equal(closestName('fecth', commands), 'fetch');
  assert.equal(closestName('idff', commands), 'diff');
  for (const word of ['tech', 'list', 'init', 'xyz', 'hepl-me', 'frobnicate']) assert.equal(closestName(word, commands), undefined, word);
});

test('--docs-root-url: @see links absolute under it, said in the README; without it, the README says links are root-relative', async () => {
  const linked = await tcgen(['generate', '--out', 'docs-linked', '--docs-root-url', 'https://tc.example.com/'], app);
  assert.equal(linked.code, 0, linked.stderr);
  const declarations = await readFile(path.join(app, 'docs-linked/dist/services/purge-cache.d.ts'), 'utf8');
  assert.match(declarations, /@see https:\/\/tc\.example\.com\/schemas\/purge-cache\/v1\/purge-cache-request\.json#/);
  assert.doesNotMatch(declarations, /@see \/schemas\//);
  assert.match(await readFile(path.join(app, 'docs-linked/README.md'), 'utf8'), /The schema links are absolute, under `https:\/\/tc\.example\.com`\./);
  const plain = await readFile(path.join(COMMITTED_OUTPUT, 'README.md'), 'utf8');
  assert.match(plain, /The schema links are root-relative/);
  assert.match(await readFile(path.join(COMMITTED_OUTPUT, 'dist/services/purge-cache.d.ts'), 'utf8'), /@see \/schemas\/purge-cache\/v1\/purge-cache-request\.json#/);
  const bad = await tcgen(['generate', '--docs-root-url', 'tc.example.com'], app);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.split('\n')[0], 'tcgen generate: --docs-root-url "tc.example.com" is not a URL (expected e.g. https://tc.example.com)');
  const help = await tcgen(['generate', '--help'], app);
  assert.match(help.stdout, /--docs-root-url URL/);
});
