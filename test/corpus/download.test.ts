// Download from a root URL: a loopback static server (test/load/static-server.ts) serves
// ../shared/taskcluster-references/v87.1.3 as a deployment does. `tcgen generate --root-url`
// must write the same package, byte for byte (the .tcgen.json stamp included), as
// `tcgen generate --references DIR`; `tcgen fetch` must write a mirror that generates it too.
// (test/load/fetch-mirror.test.ts checks the mirror's files byte for byte against the snapshot.)
// Worker payload schemas (no reference reaches them) are found by listing: a mirror's schemas/
// folder, or the references bundle a deployment serves at /references/references.json. Without
// that bundle (older deployments) the baseline is the snapshot without those folders; with it, the
// whole snapshot, ./workers included (test/corpus/workers.test.ts covers ./workers itself).
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runGenerateCommand } from '../../generator/commands/generate.ts';
import { runFetchCommand } from '../../generator/commands/fetch.ts';
import { listFiles } from '../../generator/write/write.ts';
import { startStaticServer, type Override } from '../load/static-server.ts';
import { skipUnlessSnapshot, snapshotDir } from './helpers.ts';

const VERSION = 'v87.1.3';
const skip = skipUnlessSnapshot(VERSION);

async function cli(command: (argv: string[], streams: never) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (t: string) => (stdout += t) }, stderr: { isTTY: false, write: (t: string) => (stderr += t) } };
  const code = await command(argv, streams as never);
  return { code, stdout, stderr };
}

/**
 * The same files with the same bytes; with `rootUrl`, `actual` was generated from that deployment
 * root: its schema links are absolute (`@see <rootUrl>/schemas/…`) where `expected`'s are
 * root-relative, and its stamp differs accordingly; all else is identical.
 */
async function assertSameTree(actual: string, expected: string, rootUrl?: string): Promise<number> {
  const [a, e] = await Promise.all([listFiles(actual), listFiles(expected)]);
  assert.deepEqual(a, e, 'the same files');
  let links = 0;
  for (const file of e) {
    if (rootUrl !== undefined && file === '.tcgen.json') continue;
    const [x, y] = await Promise.all([readFile(path.join(actual, file)), readFile(path.join(expected, file))]);
    if (rootUrl === undefined) {
      assert.ok(x.equals(y), `${file} differs`);
      continue;
    }
    // The README says where the links point: under the root URL, or that they are root-relative.
    const withoutLinkNote = (text: string) => (file === 'README.md' ? text.replace(/^The schema links are [\s\S]*?\n\n/m, '') : text);
    const absolute = withoutLinkNote(x.toString('utf8'));
    links += absolute.split(`@see ${rootUrl}/schemas/`).length - 1;
    assert.ok(absolute.split(`@see ${rootUrl}/schemas/`).join('@see /schemas/') === withoutLinkNote(y.toString('utf8')), `${file} differs beyond its schema links`);
  }
  if (rootUrl !== undefined) assert.ok(links > 100, `schema links absolute under ${rootUrl}: ${links}`);
  return e.length;
}

test(`generate --root-url and fetch + generate write the package generate --references writes (${VERSION})`, { skip }, async (t) => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-download-'));
  const server = await startStaticServer(snapshotDir(VERSION));
  try {
    const fromDir = path.join(scratch, 'from-dir');
    const overHttp = path.join(scratch, 'over-http');
    const mirror = path.join(scratch, 'mirror');
    const fromMirror = path.join(scratch, 'from-mirror');

    const reachable = path.join(scratch, 'reachable');
    await cp(snapshotDir(VERSION), reachable, { recursive: true });
    const manifest = await readFile(path.join(reachable, 'references', 'manifest.json'), 'utf8');
    const unowned = (await readdir(path.join(reachable, 'schemas'))).filter((folder) => folder !== 'common' && !manifest.includes(`/references/${folder}/`));
    assert.ok(unowned.length > 0, 'the snapshot has worker payload schemas');
    for (const folder of unowned) await rm(path.join(reachable, 'schemas', folder), { recursive: true });
    const a = await cli(runGenerateCommand, ['--references', reachable, '--out', fromDir]);
    assert.equal(a.code, 0, a.stderr);
    const b = await cli(runGenerateCommand, ['--root-url', server.url + '/', '--out', overHttp]);
    assert.equal(b.code, 0, b.stderr);
    const files = await assertSameTree(overHttp, fromDir, server.url);
    assert.ok((await listFiles(overHttp)).includes('.tcgen.json'));

    const f = await cli(runFetchCommand, ['--root-url', server.url, '--out', mirror]);
    assert.equal(f.code, 0, f.stderr);
    // Generated from the fetched mirror, the output is already up to date: same inputs, same stamp.
    const c = await cli(runGenerateCommand, ['--references', mirror, '--out', fromDir, '--check']);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, `${fromDir} is up to date\n`);
    const d = await cli(runGenerateCommand, ['--references', mirror, '--out', fromMirror]);
    assert.equal(d.code, 0, d.stderr);
    await assertSameTree(fromMirror, fromDir);
    // From the mirror with --docs-root-url: the very package --root-url made, stamp and all.
    const linked = path.join(scratch, 'from-mirror-linked');
    const e = await cli(runGenerateCommand, ['--references', mirror, '--docs-root-url', server.url + '/', '--out', linked]);
    assert.equal(e.code, 0, e.stderr);
    await assertSameTree(linked, overHttp);
    t.diagnostic(`${files} files identical`);
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
});

test(`with the deployment's references bundle, generate --root-url writes the whole package, ./workers included (${VERSION})`, { skip }, async () => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-download-bundle-'));
  const root = snapshotDir(VERSION);
  const schemaFiles = (await listFiles(path.join(root, 'schemas'))).filter((file) => file.endsWith('.json'));
  const bundle = JSON.stringify(await Promise.all(schemaFiles.map(async (file) => ({ filename: `schemas/${file}`, content: JSON.parse(await readFile(path.join(root, 'schemas', file), 'utf8')) }))));
  const serveBundle: Override = (request, response) => request.url === '/references/references.json' && (response.writeHead(200, { 'content-type': 'application/json' }).end(bundle), true);
  const server = await startStaticServer(root, serveBundle);
  try {
    const fromDir = path.join(scratch, 'from-dir');
    const overHttp = path.join(scratch, 'over-http');
    const a = await cli(runGenerateCommand, ['--references', root, '--out', fromDir]);
    assert.equal(a.code, 0, a.stderr);
    const b = await cli(runGenerateCommand, ['--root-url', server.url, '--out', overHttp]);
    assert.equal(b.code, 0, b.stderr);
    assert.ok((await listFiles(overHttp)).includes('dist/workers.d.ts'), 'the ./workers module is generated');
    await assertSameTree(overHttp, fromDir, server.url);
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
});
