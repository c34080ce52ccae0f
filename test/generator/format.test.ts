// The format stage loads prettier's standalone build and its plugins through a V8 code cache
// (generator/format/format.ts) instead of prettier's Node entry. This checks that both print the
// same bytes for every file of a package, before formatting: TypeScript's emitted .js and .d.ts,
// the README (with its ```ts blocks) and package.json.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { emitAgainstRuntimeDeclarations } from '../../generator/emit/emit.ts';
import { loadRuntimeBuild, runtimeDeclarations } from '../../generator/emit/runtime-build.ts';
import { formatFile, parserOf, PRETTIER_OPTIONS } from '../../generator/format/format.ts';
import { buildModel } from '../../generator/model/model.ts';
import { loadReference } from '../../generator/reference-input.ts';
import { renderPackage, renderTypes } from '../../generator/render/render.ts';
import { runtimeFiles } from '../../generator/render/runtime-files.ts';
import { readReferences } from '../../generator/validate/validate.ts';
import { EMBEDDED_REFERENCES, REPO_ROOT } from './helpers.ts';

/** What the format stage is given for a package: every file it ships, unformatted. */
async function unformattedPackage(references: string): Promise<Map<string, string>> {
  const input = await loadReference({ references });
  const model = buildModel(readReferences(input).references, input);
  const options = { packageName: '@tcgen/taskcluster-client', packageVersion: '0.0.0', schemas: input.schemas };
  const rendered = await renderPackage(model, options, await renderTypes(model, { schemas: input.schemas }));
  const build = await loadRuntimeBuild(await runtimeFiles());
  assert.ok(build, 'npm test builds lib/runtime-build.json first (pretest)');
  const emitted = emitAgainstRuntimeDeclarations(rendered, runtimeDeclarations(build));
  return new Map([...emitted, ...[...rendered].filter(([file]) => !file.startsWith('src/'))]);
}

async function checkSameAsNodeEntry(references: string): Promise<void> {
  const files = await unformattedPackage(references);
  const parsers = new Set([...files.keys()].map(parserOf));
  assert.deepEqual([...parsers].sort(), ['babel-ts', 'espree', 'json', 'markdown'], 'every kind of file is compared');
  for (const [file, text] of files) {
    const expected = await prettier.format(text, { ...PRETTIER_OPTIONS, parser: parserOf(file)!, filepath: file });
    assert.equal(await formatFile(file, text), expected, `${file}: the standalone build prints other bytes than prettier's Node entry`);
  }
}

test('prettier standalone, as the format stage loads it, prints what prettier prints: embedded references', async () => {
  await checkSameAsNodeEntry(EMBEDDED_REFERENCES);
});

const V87 = path.resolve(REPO_ROOT, '../shared/taskcluster-references/v87.1.3');
test('prettier standalone prints what prettier prints: every file of v87.1.3', { skip: existsSync(V87) ? false : 'needs ../shared/taskcluster-references/v87.1.3' }, async () => {
  await checkSameAsNodeEntry(V87);
});
