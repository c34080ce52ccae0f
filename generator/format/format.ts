// The format stage: oxfmt (the Oxidation Compiler's formatter, native code) with prettier's options.
// It prints what prettier 3.10.1 prints for the files tcgen ships, with one exception that
// joinUnionsThatFit (union-layout.ts) corrects, as long as every character of their code is one
// column wide: oxfmt and prettier measure zero-width and format characters differently, and
// joinUnionsThatFit counts UTF-16 units, not the columns of wide and combining ones. A file with
// other characters in its code goes to prettier itself. test/generator/format.test.ts compares the
// two on every file of three real packages, on generated union types and on such characters.
// prettier formatted a v87.1.3 package's 1.4 MB in ~1.7 s of CPU on this project's 2-core machine;
// oxfmt takes ~0.05 s. (Real references have other characters only in descriptions: comments, and
// the README's prose; the README's code has `'…'`, one column wide.)
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
 * A character other than those every implementation counts as one column: ASCII, and the Latin,
 * Greek and Cyrillic letters, punctuation (`—`, `…`), currency, letterlike, arrow and mathematical
 * symbols of the BMP, without their zero-width and combining members (U+00AD, U+0483–U+0489, the
 * U+2028–U+202F separators and bidi controls, U+2060 onwards).
 */
const UNEVEN_WIDTH = /[^\x00-\x7f\u00a0-\u00ac\u00ae-\u024f\u0370-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf\u2100-\u214f\u2190-\u22ff]/;
/** A line of a comment as TypeScript prints them: `/**`, ` * …`, `//`. */
const COMMENT_LINE = /^\s*(?:\/\*|\*|\/\/)/;

/**
 * Whether characters of uneven width stand where they take part in the layout: in a line of
 * JavaScript or TypeScript that is not a comment, anywhere in JSON, in a Markdown file's fenced
 * code (which oxfmt formats natively; its prose goes to the prettier it bundles).
 */
function hasUnevenWidthCode(parser: string, text: string): boolean {
  if (!UNEVEN_WIDTH.test(text)) return false;
  if (parser === 'json') return true;
  if (parser === 'markdown') return text.split(/^(?:```|~~~).*$/m).some((part, index) => index % 2 === 1 && UNEVEN_WIDTH.test(part));
  return text.split('\n').some((line) => UNEVEN_WIDTH.test(line) && !COMMENT_LINE.test(line));
}

/** prettier 3.10.1 itself (its Node entry, loaded on first use), for the files oxfmt would measure differently. */
async function formatWithPrettier(parser: string, filePath: string, text: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { ...FORMAT_OPTIONS, parser, filepath: filePath });
}

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
  if (hasUnevenWidthCode(parser, text)) return formatWithPrettier(parser, filePath, text);
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
