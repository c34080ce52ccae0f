import assert from 'node:assert/strict';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GenerateError, generate, type GenerateOptions } from '../../generator/index.ts';
import { apiReference, entry, objectSchema, Raw, snapshot, workspace, writeTree, xTree, type Tree, type Workspace } from './helpers.ts';

/**
 * Nothing half-written: a failure at any stage leaves the previous output byte-identical
 * and leaves no temporary directory beside it. Early stages fail on bad input; later
 * stages are made to fail by throwing from `onStage`, which runs as each stage finishes.
 */

const schemas = { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) };
const GOOD: Tree = xTree(apiReference([entry(), entry({ name: 'make', method: 'post', route: '/make', input: 'v1/in.json#' })]), schemas);
/** A different, valid reference: a run on it is not a no-op, so it goes through every stage. */
const CHANGED: Tree = xTree(apiReference([entry({ description: 'Changed' }), entry({ name: 'make', method: 'post', route: '/make', input: 'v1/in.json#' })]), schemas);

let ws: Workspace;
let previous: Map<string, string>;

before(async () => {
  ws = await workspace(GOOD);
  await generate({ references: ws.references, out: ws.out });
  previous = await snapshot(ws.out);
  assert.ok(previous.has('.tcgen.json') && previous.has('dist/services/x.js'));
});
after(() => ws.dispose());

/** Runs generate() on `tree` against a copy of the previous output; returns its error and checks the copy is untouched. */
async function failOnCopy(name: string, tree: Tree, options: GenerateOptions = {}, outName = name): Promise<unknown> {
  const root = path.join(ws.dir, name);
  const out = path.join(root, outName);
  await writeTree(path.join(root, 'references'), tree);
  await cp(ws.out, out, { recursive: true });
  const error = await generate({ references: path.join(root, 'references'), out, ...options }).then(
    () => assert.fail('generate() succeeded'),
    (e: unknown) => e,
  );
  assert.deepEqual(await snapshot(out), previous, 'the previous output is byte-identical');
  assert.deepEqual((await readdir(root)).sort(), [outName, 'references'].sort(), 'no temporary directory is left beside the output');
  return error;
}

const failAfter = (stage: string): GenerateOptions => ({
  onStage: (finished) => {
    if (finished === stage) throw new Error(`injected failure after ${stage}`);
  },
});

test('load fails (a reference that is not JSON): previous output kept', async () => {
  const error = await failOnCopy('load', { ...CHANGED, '/references/x/v1/api.json': new Raw('{') });
  assert.ok(error instanceof GenerateError);
});

test('validate fails (an unknown method): previous output kept', async () => {
  const error = await failOnCopy('validate', xTree(apiReference([entry({ method: 'yell' })])));
  assert.ok(error instanceof GenerateError);
});

test('model fails (an input pointer that is not there): previous output kept', async () => {
  const error = await failOnCopy('model', xTree(apiReference([entry({ name: 'make', method: 'post', route: '/make', input: 'v1/in.json#/nothing' })]), schemas));
  assert.ok(error instanceof GenerateError);
});

for (const stage of ['render', 'emit', 'format']) {
  test(`${stage} fails (injected): previous output kept`, async () => {
    const error = await failOnCopy(stage, CHANGED, failAfter(stage));
    assert.equal((error as Error).message, `injected failure after ${stage}`);
  });
}

test('write fails (the temporary directory cannot be made beside the output): previous output kept', async () => {
  // A 240-character directory name is allowed; the temporary name beside it (".<name>.tcgen-tmp-<hex>") is too long.
  const long = 'o'.repeat(240);
  const error = await failOnCopy('write', CHANGED, {}, long);
  assert.ok(error instanceof GenerateError);
  assert.equal(ws.normalize(error.message), `write/${long}: cannot write the output directory (ENAMETOOLONG)`);
});

test('files the generator did not make are refused, not deleted; the output stays as it was', async () => {
  const root = path.join(ws.dir, 'foreign');
  const out = path.join(root, 'out');
  await cp(ws.out, out, { recursive: true });
  await writeFile(path.join(out, 'NOTES.md'), 'mine');
  await mkdir(path.join(out, 'src/custom'), { recursive: true });
  await writeFile(path.join(out, 'src/custom/extra.ts'), 'export {};');
  const before = await snapshot(out);
  await writeTree(path.join(root, 'references'), CHANGED);
  const error = await generate({ references: path.join(root, 'references'), out }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.deepEqual(ws.normalize(error.message).split('\n'), [
    'foreign/out/NOTES.md: not made by tcgen: refusing to replace the output directory (move or delete this file)',
    'foreign/out/src/custom/extra.ts: not made by tcgen: refusing to replace the output directory (move or delete this file)',
  ]);
  assert.deepEqual(await snapshot(out), before);
});

test('a directory of files without a stamp is refused whole', async () => {
  const root = path.join(ws.dir, 'unstamped');
  await writeTree(path.join(root, 'references'), GOOD);
  await mkdir(path.join(root, 'out'), { recursive: true });
  await writeFile(path.join(root, 'out', 'index.ts'), 'export {};');
  const error = await generate({ references: path.join(root, 'references'), out: path.join(root, 'out') }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.equal(ws.normalize(error.message), 'unstamped/out/index.ts: not made by tcgen: refusing to replace the output directory (move or delete this file)');
});

test('an output directory under a regular file cannot be written', async () => {
  const root = path.join(ws.dir, 'under-file');
  await writeTree(path.join(root, 'references'), GOOD);
  await writeFile(path.join(root, 'file'), 'a file');
  const error = await generate({ references: path.join(root, 'references'), out: path.join(root, 'file', 'out') }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError, String((error as Error)?.stack));
  assert.equal(ws.normalize(error.message), 'under-file/file/out: cannot write the output directory (ENOTDIR)');
});

test('nothing is left behind after a successful run either', async () => {
  const root = path.join(ws.dir, 'ok');
  await writeTree(path.join(root, 'references'), CHANGED);
  await cp(ws.out, path.join(root, 'out'), { recursive: true });
  await generate({ references: path.join(root, 'references'), out: path.join(root, 'out') });
  assert.deepEqual((await readdir(root)).sort(), ['out', 'references']);
  await rm(root, { recursive: true });
});
