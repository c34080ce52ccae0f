/**
 * Every problem the generator can report is located: the file or URL it was
 * found in, and a JSON pointer into that document ("" for the whole document).
 */
export interface Problem {
  /** A file path or URL, as the user would open it. */
  location: string;
  /** RFC 6901 JSON pointer into the document at `location`; "" is the document itself. */
  pointer: string;
  message: string;
}

/** `text` with its first letter in lower case: problems and usage errors read as one sentence after a location. */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

export function formatProblem(problem: Problem): string {
  const where = problem.pointer === '' ? problem.location : `${problem.location}#${problem.pointer}`;
  return `${where}: ${problem.message}`;
}

/** The one error type the generator throws for bad input; it carries every problem found in the run. */
export class GenerateError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'GenerateError';
    this.problems = problems;
  }
}

/** Collects problems across a stage so that a run reports all of them, not only the first. */
export class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();
  /** Records a problem once: a schema node inlined from several places would otherwise repeat it. */
  add(location: string, pointer: string, message: string): void {
    const key = JSON.stringify([location, pointer, message]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ location, pointer, message });
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  /** Throws a GenerateError holding everything collected so far, if anything was. */
  throwIfAny(): void {
    if (!this.empty) throw new GenerateError(this.items);
  }
}

/** Appends reference tokens to a JSON pointer, escaping `~` and `/` as RFC 6901 says. */
export function pointerJoin(pointer: string, ...tokens: Array<string | number>): string {
  return pointer + tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A JSON value as a message shows what was found: JSON, cut short past 60 characters. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}
