// The format stage uses oxfmt (generator/format/format.ts) where tcgen used prettier 3.10.1, for its
// speed, and promises prettier's bytes. This checks that promise: on every file of three real
// packages before formatting (TypeScript's emitted .js and .d.ts, the README with its ```ts
// blocks, package.json), and on union types generated in every layout prettier gives them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { emitAgainstRuntimeDeclarations } from '../../generator/emit/emit.ts';
import { loadRuntimeBuild, runtimeDeclarations } from '../../generator/emit/runtime-build.ts';
import { FORMAT_OPTIONS, formatFile, parserOf } from '../../generator/format/format.ts';
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

const prettierFormat = (file: string, text: string) => prettier.format(text, { ...FORMAT_OPTIONS, parser: parserOf(file)!, filepath: file });

async function checkSameAsPrettier(references: string): Promise<void> {
  const files = await unformattedPackage(references);
  const parsers = new Set([...files.keys()].map(parserOf));
  assert.deepEqual([...parsers].sort(), ['babel-ts', 'espree', 'json', 'markdown'], 'every kind of file is compared');
  for (const [file, text] of files) assert.equal(await formatFile(file, text), await prettierFormat(file, text), `${file}: oxfmt prints other bytes than prettier`);
}

test('the format stage prints what prettier prints: every file of the embedded references', async () => {
  await checkSameAsPrettier(EMBEDDED_REFERENCES);
});

for (const version of ['v87.1.3', 'v44.0.0']) {
  const references = path.resolve(REPO_ROOT, `../shared/taskcluster-references/${version}`);
  test(`the format stage prints what prettier prints: every file of ${version}`, { skip: existsSync(references) ? false : `needs ../shared/taskcluster-references/${version}` }, async () => {
    await checkSameAsPrettier(references);
  });
}

test('the runtime, as `npm run build` formats it, is what prettier prints', async () => {
  const build = await loadRuntimeBuild(await runtimeFiles());
  assert.ok(build, 'npm test builds lib/runtime-build.json first (pretest)');
  for (const [file, text] of Object.entries(build.files)) assert.equal(text, await prettierFormat(file, text), `${file} is not as prettier leaves it`);
});

// Union types as TypeScript's declaration emitter prints them (four-space indent, one line each),
// in the places tcgen's declarations put them, with members long and short enough for all three of
// prettier's layouts: on the line, moved whole to the next line, and one member per line.
const identifier = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,59}$/);
const member = fc.oneof(
  identifier,
  identifier.map((name) => `${name}[]`),
  fc.stringMatching(/^[a-z][a-z:/.-]{0,40}$/).map((text) => `'${text}'`), // string literals, some with `//`
  fc.constantFrom('null', 'string', 'number', '42', 'true', 'unknown'),
  fc.tuple(identifier, identifier).map(([key, type]) => `{ ${key.toLowerCase()}: ${type}; }`),
  fc.tuple(identifier, identifier).map(([a, b]) => `Record<string, ${a} | ${b}>`),
);
const union = fc.array(member, { minLength: 2, maxLength: 7 }).map((members) => members.join(' | '));
const declaration = fc.tuple(identifier, identifier, union, fc.integer({ min: 0, max: 6 })).map(([name, key, type, place]) =>
  [
    `export type ${name} = ${type};`,
    `export interface ${name} {\n    ${key.toLowerCase()}?: ${type};\n}`,
    `export interface ${name} {\n    /**\n     * A description.\n     */\n    ${key.toLowerCase()}: ${type};\n}`,
    `export type ${name} = (${type})[];`,
    `export interface ${name} {\n    ${key.toLowerCase()}: Array<${type}>;\n    other: (${type})[];\n}`,
    `export declare class ${name} {\n    ${key.toLowerCase()}(first: ${type}, options?: ${key}): Promise<${type}>;\n}`,
    `export type ${name} = ${key} & (${type});`,
  ][place]!,
);

test('union types are laid out as prettier lays them out, in every place and at every length (fast-check, fixed seed)', async () => {
  const layouts = { onTheLine: 0, nextLine: 0, memberPerLine: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(declaration, { minLength: 1, maxLength: 3 }), async (declarations) => {
      const text = declarations.join('\n') + '\n';
      const expected = await prettierFormat('src/x.d.ts', text);
      assert.equal(await formatFile('src/x.d.ts', text), expected);
      if (/[=:(] \S[^\n]* \| /.test(expected)) layouts.onTheLine++;
      if (/[=:(]\n +[^|\s][^\n]* \| /.test(expected)) layouts.nextLine++;
      if (/\n +\| /.test(expected)) layouts.memberPerLine++;
    }),
    { seed: 23, numRuns: 400 },
  );
  // The generator reaches each layout often: the comparison is not only of short unions.
  for (const [layout, count] of Object.entries(layouts)) assert.ok(count >= 40, `${layout}: ${count} of 400 runs`);
});
