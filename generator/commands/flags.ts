// Checks of flag values shared by the commands: a bad value is a usage error (exit 2) that names the flag.
import { lowerFirst } from '../errors.ts';

/** Why `value` cannot be given as `flag` (`--root-url`, `--docs-root-url`), or undefined when it can: an absolute http(s) URL. */
export function rootUrlFlagProblem(value: string, flag = '--root-url'): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${flag} ${JSON.stringify(value)} is not a URL (expected e.g. https://tc.example.com)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${flag} ${JSON.stringify(value)} is not an http or https URL`;
  // User info would be written into every schema link of the package; a query or fragment would break them.
  if (url.username !== '' || url.password !== '') return `${flag}: give the root URL without credentials (user:password@), which would be written into the package`;
  if (url.search !== '' || url.hash !== '') return `${flag} ${JSON.stringify(value)}: a root URL has no query or fragment`;
  return undefined;
}

/**
 * Edit distance between two short words (flag and command names): insertions, deletions,
 * substitutions and transpositions of two adjacent characters each count as one edit (optimal
 * string alignment, the restricted Damerau-Levenshtein distance), so that `fecth` is one edit
 * from `fetch`, as `fech` is.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between a's first i characters and b's first j.
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be what was meant: at most one edit
 * per three characters (at least one), or `word` a prefix of exactly one candidate. Undefined otherwise.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((candidate) => word.length >= 2 && candidate.startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `options` as node:util parseArgs takes them: each with its type and an optional one-letter alias. */
type OptionConfig = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * The usage error text for an error of node:util `parseArgs` over `options`: for an unknown
 * option close to a known one, "unknown option '--refrences': did you mean --references?"; for
 * one close to `version`, which only tcgen itself takes, "did you mean `tcgen --version`?";
 * for a long option written with one dash (`-out`, which parseArgs reads as `-o`), the same about
 * that word, found in `argv`; otherwise parseArgs' own message.
 */
export function parseErrorText(error: unknown, options: OptionConfig, argv: readonly string[] = []): string {
  // Lower-case first, as tcgen's own usage errors are ("missing --out DIR"): parseArgs capitalises.
  // Its advice on positional arguments that start with '-' (for commands that take positionals)
  // is about its own syntax, not tcgen's: dropped.
  const message = lowerFirst((error as Error).message).replace(/\. To specify a positional argument starting with a '-'.*$/s, '');
  const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^unknown option '(--?[^']*)'/.exec(message) : null;
  if (unknown === null) return message;
  const names = Object.keys(options);
  // `-out` reads as the short options -o -u -t: answer for the word as typed (`argv`).
  const word = /^-[^-]$/.test(unknown[1]!) ? argv.find((arg) => /^-[^-]{2,}/.test(arg) && arg[1] === unknown[1]![1]) : undefined;
  const typed = word ?? unknown[1]!;
  const name = typed.replace(/^--?/, '').split('=')[0]!;
  const suggestion = closestName(name, names);
  if (suggestion !== undefined) return `unknown option '${typed}': did you mean --${suggestion}?`;
  // tcgen's version is an option of tcgen itself, not of a command.
  if (closestName(name, ['version']) !== undefined) return `unknown option '${typed}': did you mean \`tcgen --version\`?`;
  return message;
}

/** The part of a node:util `parseArgs` token (`tokens: true`) these checks read. */
type OptionToken = { kind: string; name?: string };

/**
 * One usage error per option that takes a value (`type: 'string'`) and is given more than once:
 * parseArgs would silently keep the last. A repeated boolean flag means what it means once, and
 * passes. The values are not echoed: a URL given may hold credentials.
 */
export function repeatedOptionErrors(tokens: readonly OptionToken[], options: OptionConfig): string[] {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || options[token.name]?.type !== 'string') continue;
    counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([name, count]) => `--${name} is given ${count} times; it takes one value`);
}
