import assert from 'node:assert/strict';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GenerateError, generate, type GenerateOptions } from '../../generator/index.ts';
import { FOREIGN_FILE_MESSAGE, writeAtomically, type WriteOperations } from '../../generator/write/write.ts';
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
    `foreign/out/NOTES.md: ${FOREIGN_FILE_MESSAGE}`,
    `foreign/out/src/custom/extra.ts: ${FOREIGN_FILE_MESSAGE}`,
  ]);
  assert.deepEqual(await snapshot(out), before);
  // --check gives the same answer, in the same words: not "differs … run tcgen generate", which would then refuse.
  const checked = await generate({ references: path.join(root, 'references'), out, check: true }).catch((e: unknown) => e);
  assert.ok(checked instanceof GenerateError);
  assert.equal(checked.message, error.message);
  // Also when the output is otherwise up to date.
  const current = await generate({ references: ws.references, out, check: true }).catch((e: unknown) => e);
  assert.ok(current instanceof GenerateError);
  assert.equal(current.message, error.message);
});

test('a directory of files without a stamp is refused whole', async () => {
  const root = path.join(ws.dir, 'unstamped');
  await writeTree(path.join(root, 'references'), GOOD);
  await mkdir(path.join(root, 'out'), { recursive: true });
  await writeFile(path.join(root, 'out', 'index.ts'), 'export {};');
  const error = await generate({ references: path.join(root, 'references'), out: path.join(root, 'out') }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.equal(ws.normalize(error.message), `unstamped/out/index.ts: ${FOREIGN_FILE_MESSAGE}`);
});

test('a directory of many files without a stamp (a deleted .tcgen.json) is refused in one line', async () => {
  const root = path.join(ws.dir, 'many-unstamped');
  await writeTree(path.join(root, 'references'), GOOD);
  const out = path.join(root, 'out');
  await generate({ references: path.join(root, 'references'), out });
  await rm(path.join(out, '.tcgen.json'));
  const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
  assert.ok(files > 10);
  const error = await generate({ references: path.join(root, 'references'), out }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.equal(error.problems.length, 1);
  assert.match(ws.normalize(error.message), new RegExp(`^many-unstamped/out: holds ${files} files \\(README\\.md, dist/index\\.d\\.ts, dist/index\\.js, …\\) and no \\.tcgen\\.json: not made by tcgen, and the output directory is replaced whole: remove them, or choose another --out$`));
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

/** Node's own calls, except that the `failAt`-th call of `which` (counting from 1) rejects with EIO. */
function failingOperations(which: keyof WriteOperations, failAt: number): WriteOperations & { calls: number } {
  const operations = {
    calls: 0,
    writeFile: (file: string, text: string) => writeFile(file, text),
    rename: (from: string, to: string) => rename(from, to),
  };
  const real = operations[which];
  operations[which] = (async (a: string, b: string) => {
    operations.calls += 1;
    if (operations.calls === failAt) throw Object.assign(new Error(`injected ${which} failure`), { code: 'EIO' });
    return real(a, b);
  }) as typeof real;
  return operations;
}

/** A copy of the previous output in a fresh directory, for writeAtomically to replace. */
async function previousOutputIn(name: string): Promise<{ root: string; out: string }> {
  const root = path.join(ws.dir, name);
  const out = path.join(root, 'out');
  await cp(ws.out, out, { recursive: true });
  return { root, out };
}

const NEW_FILES = new Map([
  ['.tcgen.json', '{}'],
  ['a.txt', 'a'],
  ['dir/b.txt', 'b'],
  ['dir/c.txt', 'c'],
]);

test('a write failing in the middle of writing the files: previous output untouched, no temporary directory left', async () => {
  const { root, out } = await previousOutputIn('mid-write');
  const operations = failingOperations('writeFile', 3);
  const error = await writeAtomically(out, NEW_FILES, operations).catch((e: unknown) => e);
  assert.equal(operations.calls, NEW_FILES.size, 'every write was attempted, and settled before the clean-up');
  assert.ok(error instanceof GenerateError);
  assert.equal(error.message, `${out}: cannot write the output directory (EIO)`);
  assert.deepEqual(await snapshot(out), previous);
  assert.deepEqual(await readdir(root), ['out']);
});

test('the final rename failing: the previous output is put back, untouched, and no temporary directory is left', async () => {
  const { root, out } = await previousOutputIn('final-rename');
  // Call 1 moves the previous output aside, call 2 moves the new one in: that one fails.
  const operations = failingOperations('rename', 2);
  const error = await writeAtomically(out, NEW_FILES, operations).catch((e: unknown) => e);
  assert.equal(operations.calls, 3, 'aside, in (failed), back');
  assert.ok(error instanceof GenerateError);
  assert.equal(error.message, `${out}: cannot write the output directory (EIO)`);
  assert.deepEqual(await snapshot(out), previous);
  assert.deepEqual(await readdir(root), ['out']);
});

test('moving the previous output aside failing: it stays where it was, untouched, and no temporary directory is left', async () => {
  const { root, out } = await previousOutputIn('aside-rename');
  const error = await writeAtomically(out, NEW_FILES, failingOperations('rename', 1)).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.deepEqual(await snapshot(out), previous);
  assert.deepEqual(await readdir(root), ['out']);
});
