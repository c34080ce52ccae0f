import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GenerateError, generate, type GenerateOptions } from '../../generator/index.ts';
import { listFiles } from '../../generator/write/write.ts';

/**
 * Small synthetic references for the bad-input tests. A tree maps root-relative paths
 * ("/references/x/v1/api.json") to a JSON value, or to a Buffer/string written as it is.
 */
export type Tree = Record<string, unknown>;

export class Raw {
  constructor(readonly text: string | Buffer) {}
}

/** A minimal valid api reference for service "x": one entry per item of `entries`. */
export function apiReference(entries: unknown[], top: Record<string, unknown> = {}): Record<string, unknown> {
  return { $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName: 'x', title: 'X', description: 'X service', entries, ...top };
}

/** A valid api entry; fields of `fields` replace or (when undefined) drop the defaults. */
export function entry(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { type: 'function', name: 'ping', title: 'Ping', description: 'Ping it', stability: 'stable', method: 'get', route: '/ping', args: [], query: [] };
  const merged = { ...base, ...fields };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/** A tree holding one api reference for service "x" (at /references/x/v1/api.json) and the given schemas. */
export function xTree(reference: unknown, schemas: Record<string, unknown> = {}): Tree {
  return {
    '/references/manifest.json': { $schema: '/schemas/common/manifest-v3.json#', references: ['/references/x/v1/api.json'] },
    '/references/x/v1/api.json': reference,
    ...Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [`/schemas/x/v1/${name}`, schema])),
  };
}

/** An object schema with $id as a Taskcluster deployment gives it. */
export function objectSchema(name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-06/schema#', $id: `/schemas/x/v1/${name}#`, title: name.replace(/\.json$/, ''), type: 'object', properties, additionalProperties: false, ...extra };
}

export interface Workspace {
  /** The temporary directory; `references` and `out` live under it. */
  dir: string;
  references: string;
  out: string;
  /** Replaces the temp dir's path, as messages show it, by nothing: "references/references/…". */
  normalize(text: string): string;
  dispose(): Promise<void>;
}

/** A temp dir holding `tree` under `references/`. */
export async function workspace(tree: Tree): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tcgen-bad-'));
  const references = path.join(dir, 'references');
  await writeTree(references, tree);
  const relative = path.relative(process.cwd(), dir);
  return {
    dir,
    references,
    out: path.join(dir, 'out'),
    normalize: (text) => text.split(relative + path.sep).join('').split(dir + path.sep).join(''),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [file, content] of Object.entries(tree)) {
    if (content === undefined) continue;
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    const text = content instanceof Raw ? content.text : JSON.stringify(content, null, 2);
    await writeFile(target, text);
  }
}

/** Runs generate() on `tree`; it must fail with a GenerateError. Returns its lines, temp dir removed from paths. */
export async function problemLines(tree: Tree, options: GenerateOptions = {}): Promise<string[]> {
  const ws = await workspace(tree);
  try {
    const error = await generate({ references: ws.references, out: ws.out, ...options }).then(
      () => assert.fail('generate() succeeded but should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof GenerateError, `expected a GenerateError, got ${(error as Error)?.stack ?? String(error)}`);
    for (const problem of error.problems) {
      assert.ok(problem.location !== '', 'every problem has a location');
      assert.ok(problem.message !== '', 'every problem has a message');
      assert.ok(!problem.message.includes('\n'), `one line per problem: ${JSON.stringify(problem.message)}`);
    }
    assert.deepEqual(await listFiles(ws.out), [], 'nothing is written on failure');
    return ws.normalize(error.message).split('\n');
  } finally {
    await ws.dispose();
  }
}

/** Every file below `dir` with its bytes, for byte-identical comparisons. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, (await readFile(path.join(dir, file))).toString('base64')] as const)));
}

/** A case of a table: a tree and the exact lines its run must report. */
export interface BadCase {
  name: string;
  tree: Tree;
  lines: string[];
}

/**
 * One test per case, checking the exact lines. With TCGEN_PRINT_CASES=<file> each case appends the
 * lines it got to that file (JSON lines) instead of failing, for reviewing new cases' messages before pinning them.
 */
export function runCases(cases: BadCase[], options: GenerateOptions = {}): void {
  for (const { name, tree, lines } of cases) {
    test(name, async () => {
      const actual = await problemLines(tree, options);
      if (process.env.TCGEN_PRINT_CASES) await appendFile(process.env.TCGEN_PRINT_CASES, JSON.stringify({ name, actual }) + '\n');
      else assert.deepEqual(actual, lines);
    });
  }
}
