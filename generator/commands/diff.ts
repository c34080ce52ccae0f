import { parseArgs } from 'node:util';
import { GenerateError } from '../errors.ts';
import { diffSnapshots, meetsThreshold, type ChangeClass } from '../diff/diff.ts';
import { DIFF_FORMATS, formatReport, type DiffFormat } from '../diff/format.ts';
import { isRootUrl, snapshotsOf } from '../diff/model-of.ts';
import { createProgressLine } from '../load/progress-line.ts';
import { readNameLock } from '../write/name-lock.ts';
import type { CommandStreams } from './streams.ts';
import { parseErrorText, repeatedOptionErrors } from './flags.ts';

const USAGE = `Usage: tcgen diff OLD NEW [--format text|markdown|json] [--fail-on major|minor] [--names FILE]

Compares the clients two Taskcluster API references generate: services, methods,
exchanges and the types they take and return, and the worker payloads of
./workers (under "workers"), each change classified for the package's users
(major: breaking, minor: additive, patch: documentation), and the verdict, the
highest class present.

OLD and NEW are each a mirror directory (as \`tcgen fetch\` writes it) or a
deployment root URL (http or https).

Options:
  --format FORMAT   text (the default on a terminal), markdown (for a pull request
                    or a CHANGELOG), or json (the default otherwise; the contract
                    for scripts: { verdict, changes: [{ kind, service, name,
                    pointer?, class, reason }] })
  --fail-on CLASS   exit 3 when the verdict is CLASS or higher (major, or minor)
  --names FILE      name the types of both as \`tcgen generate\` would regenerating
                    an output whose .tcgen.json (or directory) is FILE: its recorded
                    names are kept, so a changed title is not a rename; default:
                    names by the rules alone
  -h, --help        show this help

Exit codes: 0 compared, 3 the verdict meets --fail-on, 1 a reference has
problems (located, as \`tcgen generate\` reports them), 2 usage errors.`;

type Parsed =
  | { kind: 'help' }
  | { kind: 'usage-error'; errors: string[] }
  | { kind: 'run'; references: [string, string]; format?: DiffFormat; failOn?: ChangeClass; names?: string };

const DIFF_OPTIONS = { format: { type: 'string' }, 'fail-on': { type: 'string' }, names: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parse(argv: string[]): Parsed {
  let values: { format?: string; 'fail-on'?: string; names?: string; help?: boolean };
  let positionals: string[];
  let tokens: Parameters<typeof repeatedOptionErrors>[0];
  try {
    ({ values, positionals, tokens } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: DIFF_OPTIONS,
      tokens: true,
    }));
  } catch (error) {
    return { kind: 'usage-error', errors: [parseErrorText(error, DIFF_OPTIONS, argv)] };
  }
  if (values.help) return { kind: 'help' };
  const errors = repeatedOptionErrors(tokens, DIFF_OPTIONS);
  if (positionals.length !== 2) errors.push(`expected two references, OLD and NEW, found ${positionals.length}`);
  if (values.format !== undefined && !DIFF_FORMATS.includes(values.format as DiffFormat)) errors.push(`--format must be one of ${DIFF_FORMATS.join(', ')}, found "${values.format}"`);
  if (values['fail-on'] !== undefined && values['fail-on'] !== 'major' && values['fail-on'] !== 'minor') errors.push(`--fail-on must be major or minor, found "${values['fail-on']}"`);
  if (errors.length > 0) return { kind: 'usage-error', errors };
  return { kind: 'run', references: positionals as [string, string], format: values.format as DiffFormat | undefined, failOn: values['fail-on'] as ChangeClass | undefined, names: values.names };
}

/**
 * `tcgen diff OLD NEW`: prints the report; exit 0, or 3 when the verdict meets `--fail-on`;
 * 1 when a reference has problems (every problem of both, located); 2 on usage errors.
 */
export async function runDiffCommand(argv: string[], streams: CommandStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const parsed = parse(argv);
  if (parsed.kind === 'help') {
    streams.stdout.write(USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    streams.stderr.write(parsed.errors.map((error) => `tcgen diff: ${error}\n`).join('') + '\n' + USAGE + '\n');
    return 2;
  }
  const progress = parsed.references.some(isRootUrl) ? createProgressLine(streams.stderr, 'downloading') : undefined;
  // One progress line for both downloads: the sum of their counts.
  const counts = [
    [0, 0],
    [0, 0],
  ];
  const http = [0, 1].map((index) => progress && {
    onProgress: (done: number, total: number) => {
      counts[index] = [done, total];
      progress.update(counts[0]![0]! + counts[1]![0]!, counts[0]![1]! + counts[1]![1]!);
    },
  });
  try {
    const lock = parsed.names === undefined ? {} : await readNameLock(parsed.names, true);
    const [before, after] = await snapshotsOf(parsed.references, http, lock);
    progress?.end();
    const report = diffSnapshots(before, after);
    const format = parsed.format ?? (streams.stdout.isTTY ? 'text' : 'json');
    streams.stdout.write(formatReport(report, format));
    return parsed.failOn !== undefined && meetsThreshold(report.verdict, parsed.failOn) ? 3 : 0;
  } catch (error) {
    progress?.end();
    if (!(error instanceof GenerateError)) throw error;
    streams.stderr.write(error.message + '\n');
    return 1;
  }
}
