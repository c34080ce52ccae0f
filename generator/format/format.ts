// The format stage: oxfmt (the Oxidation Compiler's formatter, native code) with prettier's options.
// It prints what prettier 3.10.1 prints for every file tcgen ships, with one exception that
// joinUnionsThatFit (union-layout.ts) corrects; test/generator/format.test.ts compares the two on
// every file of three real packages and on generated union types. prettier formatted the same
// 1.4 MB of a v87.1.3 package in ~1.7 s of CPU on this project's 2-core machine; oxfmt takes ~0.05 s.
import { joinUnionsThatFit } from './union-layout.ts';

/** Fixed options, never a user's config file: the output must be byte-stable wherever it is generated. */
export const FORMAT_OPTIONS = {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
  tabWidth: 2,
  endOfLine: 'lf',
} as const;

/** The kinds of file tcgen formats, by extension, and the prettier parser whose output each must equal. */
const LANGUAGES: Array<[pattern: RegExp, prettierParser: string]> = [
  [/\.(ts|mts)$/, 'babel-ts'],
  [/\.(js|mjs)$/, 'espree'],
  [/\.json$/, 'json'],
  [/\.md$/, 'markdown'],
];

/** The prettier parser a file's formatting stands for, by its extension; undefined for files tcgen does not format. */
export const parserOf = (filePath: string): string | undefined => LANGUAGES.find(([pattern]) => pattern.test(filePath))?.[1];

type Oxfmt = typeof import('oxfmt');
let oxfmt: Promise<Oxfmt> | undefined;

/**
 * The name oxfmt picks a language by. A `package.json` would get prettier's `json-stringify`
 * layout and oxfmt's key sorting; tcgen formats every .json file as plain JSON, as before.
 */
const languageName = (filePath: string): string => (filePath.endsWith('.json') ? 'file.json' : filePath.split('/').pop()!);

/**
 * Formats one final file by its extension; files of other kinds are returned as they are.
 * Throws an Error naming the file when oxfmt cannot parse it (tcgen emitted code it should not have).
 */
export async function formatFile(filePath: string, text: string): Promise<string> {
  const parser = parserOf(filePath);
  if (parser === undefined) return text;
  const { format } = await (oxfmt ??= import('oxfmt'));
  const result = await format(languageName(filePath), text, { ...FORMAT_OPTIONS, sortPackageJson: false });
  if (result.errors.length > 0) throw new Error(`${filePath}: cannot be formatted: ${result.errors.map((error) => error.message).join('; ')}`);
  return parser === 'babel-ts' ? joinUnionsThatFit(result.code, FORMAT_OPTIONS.printWidth) : result.code;
}

/** Formats every file once, in parallel. Throws as formatFile does. */
export async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const entries = await Promise.all([...files].map(async ([filePath, text]) => [filePath, await formatFile(filePath, text)] as const));
  return new Map(entries);
}
