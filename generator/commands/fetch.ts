import { parseArgs } from 'node:util';
import { GenerateError } from '../errors.ts';
import { fetchMirror } from '../load/fetch-mirror.ts';
import { parseErrorText, repeatedOptionErrors, rootUrlFlagProblem } from './flags.ts';
import { createProgressLine } from '../load/progress-line.ts';
import type { CommandStreams } from './streams.ts';

const USAGE = `Usage: tcgen fetch --root-url URL --out DIR

Downloads a Taskcluster deployment's references, the schemas they use and the
worker payload schemas its references bundle lists into DIR, laid out as the
URLs are, for \`tcgen generate\` to read offline.

Options:
  --root-url URL  the deployment's root URL (http or https)
  --out DIR       the mirror directory; replaced only if missing, empty or an earlier mirror
  -h, --help      show this help`;

/**
 * `tcgen fetch`: exit 0 on success or --help, 2 on a usage error (with the
 * usage), 1 when the download or the write fails (one line per problem).
 */
export async function runFetchCommand(
  argv: string[],
  streams: CommandStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const parsed = parseFetchArgs(argv);
  if (parsed.kind === 'help') {
    streams.stdout.write(USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    streams.stderr.write(parsed.errors.map((error) => `tcgen fetch: ${error}\n`).join('') + '\n' + USAGE + '\n');
    return 2;
  }
  const progress = createProgressLine(streams.stderr, 'fetching');
  try {
    const { files } = await fetchMirror({ ...parsed.args, http: { onProgress: progress.update } });
    progress.end();
    streams.stdout.write(`Wrote ${files.length} files from ${parsed.args.rootUrl} to ${parsed.args.out}\n`);
    return 0;
  } catch (error) {
    progress.end();
    const message = problemText(error);
    if (message === undefined) throw error;
    streams.stderr.write(message + '\n');
    return 1;
  }
}

/** The text to show for an expected failure (bad input, network, file system); undefined for a bug. */
function problemText(error: unknown): string | undefined {
  if (error instanceof GenerateError) return error.message;
  // fs errors (EACCES, ENOSPC, …) already name the path in their message.
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && error instanceof Error) return `tcgen fetch: ${error.message}`;
  return undefined;
}

type ParsedFetchArgs =
  | { kind: 'help' }
  | { kind: 'usage-error'; errors: string[] }
  | { kind: 'run'; args: { rootUrl: string; out: string } };

const FETCH_OPTIONS = { 'root-url': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parseFetchArgs(argv: string[]): ParsedFetchArgs {
  let values: { 'root-url'?: string; out?: string; help?: boolean };
  let tokens: Parameters<typeof repeatedOptionErrors>[0];
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      options: FETCH_OPTIONS,
      allowPositionals: false,
      strict: true,
      tokens: true,
    }));
  } catch (error) {
    return { kind: 'usage-error', errors: [parseErrorText(error, FETCH_OPTIONS, argv)] };
  }
  if (values.help) return { kind: 'help' };
  const errors = repeatedOptionErrors(tokens, FETCH_OPTIONS);
  if (!values['root-url']) errors.push('missing --root-url URL');
  else {
    const problem = rootUrlFlagProblem(values['root-url']);
    if (problem !== undefined) errors.push(problem);
  }
  if (!values.out) errors.push('missing --out DIR');
  if (errors.length > 0) return { kind: 'usage-error', errors };
  return { kind: 'run', args: { rootUrl: values['root-url']!, out: values.out! } };
}
