
const USAGE = `Usage: tcgen <command> [options]

Commands:
  generate   generate a TypeScript client package from a Taskcluster API reference
  fetch      download a deployment's references and schemas into a directory
  diff       what changed between two references, and the version bump it means

Run \`tcgen <command> --help\` for the options of each.`;

// Each command loads its own code on demand: `generate` never pays for the HTTP client.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  generate: async (argv) => (await import('./commands/generate.ts')).runGenerateCommand(argv),
  fetch: async (argv) => (await import('./commands/fetch.ts')).runFetchCommand(argv),
  diff: async (argv) => (await import('./commands/diff.ts')).runDiffCommand(argv),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`tcgen: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
