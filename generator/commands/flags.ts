// Checks of flag values shared by the commands: a bad value is a usage error (exit 2) that names the flag.

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

/** Levenshtein distance between two short words (flag and command names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
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
 * option close to a known one, "Unknown option '--refrences': did you mean --references?";
 * otherwise parseArgs' own message.
 */
export function parseErrorText(error: unknown, options: OptionConfig): string {
  const message = (error as Error).message;
  const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '(--?[^']*)'/.exec(message) : null;
  if (unknown === null) return message;
  const typed = unknown[1]!;
  const names = Object.keys(options);
  const suggestion = closestName(typed.replace(/^--?/, '').split('=')[0]!, names);
  return suggestion === undefined ? message : `Unknown option '${typed}': did you mean --${suggestion}?`;
}
