import { readFile } from 'node:fs/promises';
import { closestName } from './commands/flags.ts';

const USAGE = `Usage: tcgen <command> [options]
       tcgen --version
       tcgen --help (or -h)

Commands:
  generate   generate a TypeScript client package from a Taskcluster API reference
  fetch      download a deployment's references and schemas into a directory
  diff       what changed between two references, and the version bump it means

Run \`tcgen <command> --help\` (or -h) for the options of each.`;

/** tcgen's own version, from its package.json (one directory above generator/ and lib/). */
async function tcgenVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

// Each command loads its own code on demand: `generate` never pays for the HTTP client.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  generate: async (argv) => (await import('./commands/generate.ts')).runGenerateCommand(argv),
  fetch: async (argv) => (await import('./commands/fetch.ts')).runFetchCommand(argv),
  diff: async (argv) => (await import('./commands/diff.ts')).runDiffCommand(argv),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`tcgen: no command given\n\n${USAGE}\n`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command === '--version') {
    process.stdout.write(`tcgen ${await tcgenVersion()}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    const suggestion = closestName(command, [...Object.keys(COMMANDS), 'help', '--help', '--version']);
    process.stderr.write(`tcgen: unknown command "${command}"${suggestion === undefined ? '' : `: did you mean "${suggestion}"?`}\n\n${USAGE}\n`);
    return 2;
  }
  return run(rest);
}

// A reader that stops early (`tcgen diff … | head`) closes the pipe: not a failure of the command,
// which has done its work by then. Anything else on the stream is.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2));
