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
// Characters whose width prettier and oxfmt (or a plain .length) measure differently: wide,
// combining and zero-width ones (such files go to prettier; see format.ts); and one-column ones
// beyond ASCII, which stay with oxfmt.
const nonAscii = fc.constantFrom('漢', 'e\u0301', 'a\u200b', '😀', '\u00ad', '\u00e9', '\u2014', '\u2026', '\u03b1', '\u0436');
const flatUnion = fc.array(member, { minLength: 2, maxLength: 5 }).map((members) => members.join(' | '));
const memberOrNested = fc.oneof(
  { weight: 5, arbitrary: member },
  // A union of arrays of unions: `(A | B)[]` as one member of a broken union.
  { weight: 1, arbitrary: flatUnion.map((inner) => `(${inner})[]`) },
  { weight: 1, arbitrary: fc.tuple(nonAscii, fc.integer({ min: 1, max: 60 })).map(([text, count]) => `'${text.repeat(count)}'`) },
);
const union = fc.array(memberOrNested, { minLength: 2, maxLength: 7 }).map((members) => members.join(' | '));
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

// Found by a review: each at the lengths around where prettier's layout changes.
const around = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const cases: Array<[file: string, text: string]> = [
  // A union of arrays of unions, as one member of a broken union (the inner members one indent deeper).
  ...around(24, 34).flatMap((n): Array<[string, string]> => {
    const values = ['alpha', 'beta', 'gamma'].map((word) => `'${word}${'x'.repeat(n)}'`).join(' | ');
    return [
      ['x.d.ts', `export interface X {\n    arrayOrOne?: ${values} | (${values})[];\n}\n`],
      ['x.d.ts', `export type ArrayOrOne = ${values} | (${values})[];\n`],
    ];
  }),
  // Wide (CJK), combining (NFD accents) and zero-width characters in string literals.
  ...around(10, 24).map((n): [string, string] => ['x.d.ts', `export interface X {\n    cjk?: ${[0, 1, 2].map((i) => `'${'漢'.repeat(n)}${i}'`).join(' | ')};\n}\n`]),
  ...around(26, 40).map((n): [string, string] => ['x.d.ts', `export interface X {\n    nfd?: ${[0, 1, 2].map((i) => `'${'e\u0301'.repeat(n)}${i}'`).join(' | ')};\n}\n`]),
  ...around(48, 60).map((n): [string, string] => ['x.d.ts', `export interface X {\n    zwsp?: '${'a\u200b'.repeat(n)}' | 'b';\n}\n`]),
  ...around(48, 60).map((n): [string, string] => ['x.js', `call('${'a\u200b'.repeat(n)}', second);\n`]),
  // A README whose ts block holds such a string (oxfmt formats code blocks natively).
  ...around(20, 30).map((n): [string, string] => ['README.md', `# X\n\n\u00e9t\u00e9 prose.\n\n\`\`\`ts\nexport const payload = { image: '${'a\u200b'.repeat(n)}', maxRunTime: 600 };\n\`\`\`\n`]),
  ['package.json', `{ "description": "${'漢'.repeat(50)}", "files": ["dist", "${'漢'.repeat(20)}"] }\n`],
  // One-column characters beyond ASCII stay with oxfmt, in code and in a README's code blocks.
  ...around(26, 40).map((n): [string, string] => ['x.d.ts', `export interface X {\n    accents?: ${[0, 1, 2].map((i) => `'${'\u00e9\u2014'.repeat(n / 2)}${i}'`).join(' | ')};\n}\n`]),
  ...around(50, 60).map((n): [string, string] => ['README.md', `# X\n\n\`\`\`ts\nconst client = new Auth({ credentials: { clientId: '\u2026', accessToken: '${'\u2026'.repeat(n)}' } });\n\`\`\`\n`]),
];

test('unions nested in arrays, and wide, combining and zero-width characters, are laid out as prettier lays them out', async () => {
  for (const [file, text] of cases) assert.equal(await formatFile(file, text), await prettierFormat(file, text), `${file}: ${JSON.stringify(text)}`);
});
