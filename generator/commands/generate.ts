import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GenerateError } from '../errors.ts';
import { generate, type GenerateResult } from '../generate.ts';
import type { CommandStreams } from './streams.ts';
import { createProgressLine } from '../load/progress-line.ts';
import { DEFAULT_PACKAGE_NAME, DEFAULT_PACKAGE_VERSION, packageNameProblem, packageVersionProblem } from '../render/package-identity.ts';
import { parseErrorText, repeatedOptionErrors, rootUrlFlagProblem } from './flags.ts';

const USAGE = `Usage: tcgen generate [--references DIR | --root-url URL] [--docs-root-url URL] [--out DIR] [--names FILE]
                      [--check | --pack] [--diff] [--name NAME] [--package-version VERSION] [--verbose] [--debug]

Generates a typed TypeScript client package from a Taskcluster API reference.

Options:
  --references DIR           a mirror of a deployment root (DIR/references/manifest.json,
                             DIR/schemas/...), relative to the current directory;
                             default: the purge-cache reference embedded in tcgen
  --root-url URL             download the reference from a deployment instead
  --docs-root-url URL        the deployment root URL the types' @see schema links point to
                             (e.g. the one a --references mirror was fetched from);
                             default: --root-url, else root-relative links (/schemas/...)
  --out DIR                  the package directory, replaced whole; default: generated
  --names FILE               keep the type names recorded in FILE, the .tcgen.json of another
                             output (e.g. node_modules/<package>/.tcgen.json of the last
                             published package); default: those recorded in --out
  --check                    write nothing; exit 1 naming each file of --out that differs
  --diff                     also print what changed for the package's users since the
                             output it replaces, and the version bump (see \`tcgen diff\`)
  --pack                     also write the package's npm pack tarball beside --out
  --name NAME                the package name; default: ${DEFAULT_PACKAGE_NAME}
  --package-version VERSION  the package version (package.json and the User-Agent the
                             client sends); default: ${DEFAULT_PACKAGE_VERSION}
  --verbose                  print how long each stage took, and which services'
                             modules were made anew (the others' are kept)
  --debug                    print stack traces of unexpected errors
  -h, --help                 show this help`;

/** Every option, one place: the parser and the usage test read it. */
export const GENERATE_OPTIONS = {
  references: { type: 'string' },
  'root-url': { type: 'string' },
  'docs-root-url': { type: 'string' },
  out: { type: 'string' },
  names: { type: 'string' },
  check: { type: 'boolean' },
  diff: { type: 'boolean' },
  pack: { type: 'boolean' },
  name: { type: 'string' },
  'package-version': { type: 'string' },
  verbose: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Parsed =
  | { kind: 'help' }
  | { kind: 'usage-error'; errors: string[] }
  | { kind: 'run'; values: ReturnType<typeof parseArgs<{ options: typeof GENERATE_OPTIONS }>>['values'] };

function parse(argv: string[]): Parsed {
  try {
    const { values, tokens } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: GENERATE_OPTIONS,
      tokens: true,
    });
    if (values.help) return { kind: 'help' };
    const errors = repeatedOptionErrors(tokens, GENERATE_OPTIONS);
    if (values.references !== undefined && values['root-url'] !== undefined) errors.push('--references and --root-url cannot be used together');
    if (values.check && values.pack) errors.push('--check and --pack cannot be used together');
    // An empty path would name the current directory, whose files the write replaces.
    for (const flag of ['out', 'references', 'names'] as const) if (values[flag] === '') errors.push(`--${flag} needs a path, got an empty string`);
    const rootUrl = values['root-url'];
    const problems = [
      rootUrl === undefined ? undefined : rootUrlFlagProblem(rootUrl),
      values['docs-root-url'] === undefined ? undefined : rootUrlFlagProblem(values['docs-root-url'], '--docs-root-url'),
      values.name === undefined ? undefined : withFlag('--name', packageNameProblem(values.name)),
      values['package-version'] === undefined ? undefined : withFlag('--package-version', packageVersionProblem(values['package-version'])),
    ];
    errors.push(...problems.filter((problem) => problem !== undefined));
    if (errors.length > 0) return { kind: 'usage-error', errors };
    return { kind: 'run', values };
  } catch (error) {
    return { kind: 'usage-error', errors: [parseErrorText(error, GENERATE_OPTIONS, argv)] };
  }
}

function withFlag(flag: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${flag}: ${problem}`;
}

/** `tcgen generate`: 0 when done (or up to date), 1 on problems or differences, 2 on usage errors. */
export async function runGenerateCommand(argv: string[], streams: CommandStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const parsed = parse(argv);
  if (parsed.kind === 'help') {
    streams.stdout.write(USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    streams.stderr.write(parsed.errors.map((error) => `tcgen generate: ${error}\n`).join('') + '\n' + USAGE + '\n');
    return 2;
  }
  const { values } = parsed;
  const out = values.out ?? 'generated';
  // A download shows one updating progress line, on a terminal only.
  const progress = values['root-url'] === undefined ? undefined : createProgressLine(streams.stderr, 'downloading');
  try {
    const result = await generate({
      references: values.references,
      rootUrl: values['root-url'],
      docsRootUrl: values['docs-root-url'],
      http: progress && { onProgress: progress.update },
      out,
      names: values.names,
      check: values.check,
      diff: values.diff,
      packageName: values.name,
      packageVersion: values['package-version'],
      packDestination: values.pack ? path.dirname(path.resolve(out)) : undefined,
      onStage: values.verbose ? (stage, ms) => streams.stderr.write(`${stage.padEnd(9)} ${ms.toFixed(1).padStart(8)} ms\n`) : undefined,
    });
    progress?.end();
    if (values.verbose && result.rebuilt !== undefined) {
      const kept = result.kept?.length ? `; kept from ${out}: ${result.kept.join(', ')}` : '';
      streams.stderr.write(`modules rebuilt: ${result.rebuilt.join(', ') || 'none'}${kept}\n`);
    }
    if (values.diff) await printDiff(result.diff, out, streams);
    if (values.check) {
      // Every file differs: one line says why, instead of a line per file. (Checked after the
      // generation, so that problems in the input are reported first, as without --check.)
      if (result.files.length > 0 && (await missingDirectory(out))) {
        streams.stderr.write(`${out}: the output directory does not exist: run \`tcgen generate\` to make it\n`);
        return 1;
      }
      for (const file of result.files) {
        const missing = !existsSync(path.join(out, file));
        streams.stderr.write(`${out}/${file}: ${missing ? 'missing (the generator makes it)' : 'differs from what the generator makes'}\n`);
      }
      if (result.files.length > 0) {
        streams.stderr.write(`${result.files.length} file(s) out of date: run \`tcgen generate\`\n`);
        return 1;
      }
      streams.stdout.write(`${out} is up to date\n`);
      return 0;
    }
    streams.stdout.write(result.unchanged ? `${out} is up to date\n` : `Wrote ${result.files.length} files to ${out}\n`);
    // Beside --out as the user typed it (`--out ../../x` → `Packed ../../<tarball>`).
    if (result.tarball !== undefined) streams.stdout.write(`Packed ${path.join(path.dirname(out), path.basename(result.tarball))}\n`);
    return 0;
  } catch (error) {
    progress?.end();
    if (!(error instanceof GenerateError)) {
      streams.stderr.write(values.debug ? `${(error as Error)?.stack ?? String(error)}\n` : `tcgen generate: unexpected error: ${(error as Error)?.message ?? String(error)} (run with --debug for details)\n`);
      return 1;
    }
    streams.stderr.write(error.message + '\n');
    if (values.debug) streams.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** Whether `dir` does not exist (a file there, or one unreadable, is left for the generator to report). */
async function missingDirectory(dir: string): Promise<boolean> {
  try {
    await stat(dir);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** `--diff`: the report against the output replaced, as `tcgen diff` prints it in text. */
async function printDiff(report: GenerateResult['diff'], out: string, streams: CommandStreams): Promise<void> {
  if (report === undefined) {
    streams.stdout.write(`diff: ${out}/.tcgen.json records no model to compare with (no earlier output, or one from an older tcgen)\n`);
    return;
  }
  const { formatText } = await import('../diff/format.ts');
  streams.stdout.write(`changes since the output replaced, ${formatText(report)}`);
}
