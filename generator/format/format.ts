import type { Options, Plugin } from 'prettier';
import { requireWithCodeCache } from '../code-cache.ts';

/** Fixed options, never a user's config file: the output must be byte-stable wherever it is generated. */
export const PRETTIER_OPTIONS: Options = {
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

/**
 * The plugins each parser needs (prettier's standalone build takes them explicitly). Markdown
 * also takes the TypeScript parser, which prettier picks for a README's ```ts blocks.
 */
const PLUGINS: Record<string, string[]> = {
  'babel-ts': ['babel', 'estree'],
  espree: ['acorn', 'estree'],
  json: ['babel', 'estree'],
  markdown: ['markdown', 'babel', 'estree', 'typescript'],
};

type Standalone = { format(source: string, options: Options): Promise<string> };

/**
 * prettier's standalone build and its plugins, loaded on first use with a V8 code cache
 * (../code-cache.ts): the same printer as `prettier`'s Node entry, which compiles ~2 MB of ESM
 * anew in every process. test/generator/format.test.ts checks the two agree on every file of a package.
 */
const load = (name: string) => requireWithCodeCache(name === 'standalone' ? 'prettier/standalone' : `prettier/plugins/${name}`);

/** The prettier parser for a file, by its extension; undefined for files tcgen does not format. */
export const parserOf = (filePath: string): string | undefined => PARSERS.find(([pattern]) => pattern.test(filePath))?.[1];

/** Formats one final file by its extension; files of other kinds are returned as they are. */
export async function formatFile(filePath: string, text: string): Promise<string> {
  const parser = parserOf(filePath);
  if (parser === undefined) return text;
  const prettier = load('standalone') as Standalone;
  const plugins = PLUGINS[parser]!.map((name) => load(name) as Plugin);
  return prettier.format(text, { ...PRETTIER_OPTIONS, parser, filepath: filePath, plugins });
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
