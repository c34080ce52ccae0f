// The README examples work: every ```ts block of README.md and of the generated README
// (templates/README.md.hbs) type-checks under strict NodeNext against the package it is for (the
// package generated from v87.1.3 unless its first line says `// reference: embedded`, the
// purge-cache reference in references/; `tcgen` itself for build-script blocks). The first block
// that does not compile fails the test, named by file and line.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { describeFailure, firstFailingBlock, tsBlocks, type CodeBlock } from './readme-examples.ts';
import { ROOT, generateInto, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';

const skip = skipUnlessSnapshot('v87.1.3') || (existsSync(path.join(ROOT, 'lib', 'index.d.ts')) ? false : 'lib/ is not built (npm run build; npm test builds it first): skipped');
const TYPE_ROOTS = path.join(ROOT, 'node_modules', '@types');

let v87: Generated;
before(async () => {
  if (skip) return;
  v87 = await generateInto({ references: snapshotDir('v87.1.3') }, false);
});
after(() => v87?.cleanup());

/** The package each reference name means; `tcgen` is this project (lib/, what `import … from 'tcgen'` gets). */
function packagesFor(reference: string): Record<string, string> {
  const generated = { 'v87.1.3': v87.out, embedded: path.join(ROOT, 'generated') }[reference];
  assert.ok(generated, `unknown reference "${reference}" (known: v87.1.3, embedded)`);
  // The packages' own dependencies, as an application installing them has them.
  return { '@tcgen/taskcluster-client': generated, tcgen: ROOT, undici: path.join(ROOT, 'node_modules', 'undici'), amqplib: path.join(ROOT, 'node_modules', 'amqplib') };
}

async function checkBlocks(blocks: CodeBlock[], scratch: string): Promise<void> {
  const references = [...new Set(blocks.map((block) => block.reference))];
  for (const reference of references) {
    const failure = await firstFailingBlock(blocks.filter((block) => block.reference === reference), { dir: path.join(scratch, reference), packages: packagesFor(reference) }, TYPE_ROOTS);
    if (failure) assert.fail(describeFailure(failure));
  }
}

test('every ```ts block of README.md compiles against the package it names', { skip }, async () => {
  const blocks = tsBlocks(await readFile(path.join(ROOT, 'README.md'), 'utf8'), 'README.md');
  assert.ok(blocks.length >= 6, `only ${blocks.length} blocks found`);
  await checkBlocks(blocks, path.join(v87.out, '..', 'project-readme'));
});

test('every ```ts block of the generated README compiles against that package (v87.1.3 and the embedded reference)', { skip }, async () => {
  const generatedV87 = tsBlocks(await readFile(path.join(v87.out, 'README.md'), 'utf8'), 'README.md generated from v87.1.3');
  const committed = tsBlocks(await readFile(path.join(ROOT, 'generated', 'README.md'), 'utf8'), 'generated/README.md').map((block) => ({ ...block, reference: 'embedded' }));
  assert.ok(generatedV87.length >= 1 && committed.length >= 1);
  await checkBlocks([...generatedV87, ...committed], path.join(v87.out, '..', 'generated-readme'));
});

test('the check fails on a block that does not compile, naming the first such block; fragments are skipped', { skip }, async () => {
  const markdown = [
    '```ts',
    "import { PurgeCache } from '@tcgen/taskcluster-client';",
    "new PurgeCache({ rootUrl: 'https://tc.example.com' });",
    '```',
    '```ts fragment',
    'queue.anything(1, 2, 3);',
    '```',
    '- a list item:',
    '  ```ts',
    "  import { PurgeCache } from '@tcgen/taskcluster-client';",
    "  await new PurgeCache({ rootUrl: 'https://tc.example.com' }).purgeCache('my-provisioner', 'my-worker-type', { cacheName: 'x' });",
    '  ```',
    '```ts',
    'const second: number = "not a number";',
    '```',
  ].join('\n');
  const blocks = tsBlocks(markdown, 'SAMPLE.md');
  assert.deepEqual(blocks.map((block) => block.line), [1, 9, 13]);
  const failure = await firstFailingBlock(blocks, { dir: path.join(v87.out, '..', 'sample'), packages: packagesFor('v87.1.3') }, TYPE_ROOTS);
  assert.ok(failure);
  assert.equal(failure.block.line, 9);
  assert.match(describeFailure(failure), /^the ```ts block at SAMPLE\.md:9 \(for the package of v87\.1\.3\) does not compile:\nblock line 2: Argument of type 'string' is not assignable to parameter of type 'InputObject<PurgeCacheRequest>'\./);
});
