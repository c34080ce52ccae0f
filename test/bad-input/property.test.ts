import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { GenerateError, generate } from '../../generator/index.ts';
import { listFiles } from '../../generator/write/write.ts';
import { Raw, workspace, type Tree } from './helpers.ts';

/**
 * Mutated real references (purge-cache and secrets of v87.1.3, copied into a temp dir per run):
 * the generator either succeeds with output that type-checked (generate() emits only then),
 * or throws a GenerateError whose every problem has a location and a one-line message.
 * Never another exception, never a half-written output. Fixed seed, bounded runs: each
 * successful run type-checks a package (~0.5 s with the prebuilt runtime; 60 runs take ~30 s).
 */
const SHARED = fileURLToPath(new URL('../../../shared/taskcluster-references/v87.1.3/', import.meta.url));
const SERVICES = ['purge-cache', 'secrets'];

async function realTree(): Promise<Tree> {
  const tree: Tree = { '/references/manifest.json': { references: SERVICES.map((s) => `/references/${s}/v1/api.json`) } };
  for (const service of SERVICES) {
    tree[`/references/${service}/v1/api.json`] = JSON.parse(await readFile(path.join(SHARED, 'references', service, 'v1/api.json'), 'utf8'));
    for (const file of await readdir(path.join(SHARED, 'schemas', service, 'v1'))) {
      tree[`/schemas/${service}/v1/${file}`] = JSON.parse(await readFile(path.join(SHARED, 'schemas', service, 'v1', file), 'utf8'));
    }
  }
  return tree;
}

/** Every place in a JSON value: its container and key. */
function places(json: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const found: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, index) => (found.push({ parent: node, key: index }), walk(child)));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) found.push({ parent: node as Record<string, unknown>, key }), walk(child);
  };
  walk(json);
  return found;
}

const HOSTILE_STRINGS = ['*/ x /*', '${x}', '`', '"\'\\', 'a\nb\u2028c', '__proto__', 'constructor', '9lives', 'é日本', '', '<a>', '#/nowhere', 'v1/missing.json#', '../../etc/passwd', '%E0%A4%A', '//[', 'http://json-schema.org/x#', 'GET', 'get'];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 12 }));
const anyValue = fc.oneof(hostileString, fc.constantFrom(null, true, false, 0, -1, 1.5, [], {}), fc.jsonValue({ maxDepth: 2 }));

type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'rename'; at: number; name: string }
  | { op: 'raw'; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: anyValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), at: fc.nat(), name: hostileString }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raw' as const), text: fc.constantFrom('', '{', '<html>', '[1,]', '\uFEFF{}', 'null') }) },
);

function mutate(tree: Tree, document: number, changes: Mutation[]): Tree {
  const copy: Tree = structuredClone(tree);
  const keys = Object.keys(copy).sort();
  const file = keys[document % keys.length]!;
  for (const change of changes) {
    if (change.op === 'raw') {
      copy[file] = new Raw(change.text);
      continue;
    }
    if (copy[file] instanceof Raw) continue;
    const all = places(copy[file]);
    if (all.length === 0) continue;
    const { parent, key } = all[change.at % all.length]!;
    if (change.op === 'set') (parent as Record<string | number, unknown>)[key] = structuredClone(change.value);
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (change.op === 'delete') delete parent[key];
    else {
      const value = parent[key];
      delete parent[key];
      Object.defineProperty(parent, change.name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

test('mutated real references: success with checked output, or located problems; never a crash', { skip: existsSync(SHARED) ? false : `no shared references at ${SHARED}` }, async () => {
  const tree = await realTree();
  let succeeded = 0;
  let failed = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (document, changes) => {
      const ws = await workspace(mutate(tree, document, changes));
      try {
        const result = await generate({ references: ws.references, out: ws.out }).catch((error: unknown) => error);
        if (result instanceof Error) {
          assert.ok(result instanceof GenerateError, `not a GenerateError: ${result.stack}`);
          assert.ok(result.problems.length > 0);
          for (const problem of result.problems) {
            assert.ok(problem.location !== '' && problem.message !== '', JSON.stringify(problem));
            assert.ok(!/[\n\r]/.test(problem.message), `one line: ${JSON.stringify(problem.message)}`);
          }
          assert.deepEqual(await listFiles(ws.out), [], 'nothing written on failure');
          failed++;
        } else {
          assert.ok((await listFiles(ws.out)).includes('dist/index.d.ts'));
          succeeded++;
        }
      } finally {
        await ws.dispose();
      }
    }),
    { seed: 20261125, numRuns: 60, endOnFailure: true, includeErrorInReport: true },
  );
  assert.ok(succeeded > 0 && failed > 0, `both outcomes occur (${succeeded} succeeded, ${failed} failed)`);
});
