import * as prettier from 'prettier';

/** Fixed options, never a user's config file: the output must be byte-stable wherever it is generated. */
const PRETTIER_OPTIONS: prettier.Options = {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
  tabWidth: 2,
  endOfLine: 'lf',
};

const PARSERS: Array<[RegExp, string]> = [
  // babel-ts: the same output as the typescript parser on every file of both real corpora,
  // and a fifth faster cold; it also shares one parser plugin with the .js files.
  [/\.(ts|mts|d\.ts)$/, 'babel-ts'],
  // espree (acorn's parser, as ESLint uses it): the same output as babel on every emitted .js file of
  // both real corpora and the embedded references, in about half of babel's time (issue 23).
  [/\.(js|mjs)$/, 'espree'],
  [/\.json$/, 'json'],
  [/\.md$/, 'markdown'],
];

/** Formats one final file by its extension; files of other kinds are returned as they are. */
export async function formatFile(filePath: string, text: string): Promise<string> {
  const parser = PARSERS.find(([pattern]) => pattern.test(filePath))?.[1];
  if (parser === undefined) return text;
  return prettier.format(text, { ...PRETTIER_OPTIONS, parser, filepath: filePath });
}

/** Formats every file once, in parallel. */
export async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const entries = await Promise.all([...files].map(async ([filePath, text]) => [filePath, await formatFile(filePath, text)] as const));
  return new Map(entries);
}

/**
 * Loads and runs prettier's TypeScript and JavaScript printers once on throw-away text, so
 * that formatting the emitted files later does not pay for loading and warming them up.
 */
export async function warmFormatter(sample: string): Promise<void> {
  await Promise.all([formatFile('warm.ts', sample), formatFile('warm.js', 'export const warm = { up: [1, 2] };\n')]);
}
