// `npm run bench`: every benchmark in one run, then bench/RESULTS.md from its numbers.
// `npm run bench -- generation` (or client, compression, bundle, import, targets, …) runs one and prints it without writing.
// `npm run bench -- quick`: only issue 23's targets, each as a ratio against its comparison, and the
// figures they must not regress (client throughput, bundle, diff, Pulse), in shorter runs (~2 min
// on a quiet machine); it prints them and replaces the targets block of bench/RESULTS.md.
// `npm run bench -- revisions [--runs N] BASE REV …`: cold and incremental generation of tcgen built at each
// git revision, in rotation, as ratios to BASE (bench/revisions.ts): what each change bought.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchBundle, bundleTable } from './bundle.ts';
import { benchClient, clientTables } from './client.ts';
import { benchCompression, compressionTable } from './compression.ts';
import { benchDiff, diffTable } from './diff.ts';
import { benchGeneration, generationTables } from './generation.ts';
import { benchImport, importTable } from './import.ts';
import { benchTransfer, transferTable } from './transfer.ts';
import { benchPulse, pulseTable } from './pulse.ts';
import { ROOT, machine } from './stats.ts';
import { benchTargets, targetsTable } from './targets.ts';

const only = process.argv[2];
if (only === 'revisions') {
  const { benchRevisions, revisionsTable } = await import('./revisions.ts');
  const args = process.argv.slice(3);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(args.splice(runsAt, 2)[1]);
  if (args.length < 2 || !(runs > 0)) throw new Error('usage: npm run bench -- revisions [--runs N] BASE REV [REV …]');
  const loadStart = os.loadavg()[0]!;
  const table = revisionsTable(await benchRevisions(args, runs));
  process.stdout.write(`Machine: ${machine()} · load average (1 min) ${loadStart.toFixed(1)} at start, ${os.loadavg()[0]!.toFixed(1)} at end\n\n${table}`);
  process.exit(0);
}
const quick = only === 'quick';
const QUICK = new Set(['targets', 'client', 'bundle', 'diff', 'pulse']);
const want = (name: string) => only === undefined || only === name || (quick && QUICK.has(name));
const sections: string[] = [];
const headline: Record<string, number> = {};
const loadBefore = os.loadavg()[0]!;
const loads: string[] = [];
/** The load average (1 min) as each benchmark starts: the machine may be shared. */
const noteLoad = (name: string) => loads.push(`${name} ${os.loadavg()[0]!.toFixed(1)}`);

if (want('targets')) {
  process.stderr.write('issue 23 targets (paired)…\n');
  noteLoad('targets');
  const t = targetsTable(await benchTargets(quick ? 5 : 7));
  sections.push('## Speed targets (issue 23), paired\n', t.markdown);
  Object.assign(headline, t.headline);
}

if (want('generation')) {
  process.stderr.write('generation…\n');
  const t = generationTables(await benchGeneration());
  sections.push('## Generation (v87.1.3: 41 references, 187 schemas)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('client')) {
  process.stderr.write('client throughput…\n');
  noteLoad('client');
  const t = clientTables(await (quick ? benchClient(3000, 3) : benchClient()));
  sections.push('## Client throughput (loopback, purge-cache `allPurgeRequests`, small JSON body)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('compression')) {
  process.stderr.write('compressed responses…\n');
  const t = compressionTable(await benchCompression());
  sections.push('## Compressed API responses (loopback, queue `listTaskGroup`, 1,000 tasks)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('bundle')) {
  process.stderr.write('browser bundle size…\n');
  const t = bundleTable(await benchBundle());
  sections.push('## Browser bundle size (v87.1.3, one service per bundle)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('import')) {
  process.stderr.write('import cost…\n');
  const t = importTable(await benchImport());
  sections.push('## Import cost (one service module, fresh process)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('transfer')) {
  process.stderr.write('object transfer…\n');
  const t = transferTable(await benchTransfer());
  sections.push('## Object upload and download (loopback fakes, 64 MiB, hashes computed and verified)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('diff')) {
  process.stderr.write('diff…\n');
  noteLoad('diff');
  const t = diffTable(await benchDiff(quick ? 3 : 5));
  sections.push('## `tcgen diff` (v87.1.3 against itself)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('pulse')) {
  process.stderr.write('pulse consumption…\n');
  try {
    noteLoad('pulse');
    const t = pulseTable(await benchPulse());
    sections.push('## Pulse consumption (local RabbitMQ)\n', t.markdown);
    Object.assign(headline, t.headline);
  } catch (error) {
    // No broker here (see README, Pulse): the other benchmarks still count.
    sections.push('## Pulse consumption (local RabbitMQ)\n', `Not measured: ${(error as Error).message}. Install RabbitMQ (\`.ci/run\` does; the benchmark starts a private node of its own).\n`);
  }
}

const h = (key: string, digits = 2) => headline[key]?.toFixed(digits) ?? '–';
const summary = [
  '## Headline',
  '',
  `- **Targets (issue 23)**, paired, ratios of the same run: cold generation **${h('coldVsPeer')}×** openapi-typescript's whole process (target ≤ 1.0; CPU ${h('coldVsPeerCpu')}×); one changed service regenerated in **${h('incrementalWallMs', 0)} ms**, **${h('incrementalVsCold')}×** a cold run (targets ≤ 500 ms, ≤ 0.25×; identical output: ${headline['incrementalIdentical'] === 1 ? 'yes' : headline['incrementalIdentical'] === 0 ? 'NO' : '–'}); importing one service module adds **${h('importAddedMs', 0)} ms** to bare node (target ≤ 30); first call (import + request) **${h('firstCallLazyVsEager')}×** its time with undici loaded up front (target ≤ 1.0).`,
  `- Cold generation of v87.1.3, end to end: **${h('coldWallMs', 0)} ms** (target ≤ 3000), peak RSS ${h('coldRssMb', 0)} MB; no-op rerun **${h('noopWallMs', 0)} ms** (target ≤ 300).`,
  `- Stages the peers also do (load → types → render → format): **${h('peerStagesVsFasterPeer')}×** the faster peer's time (target < 1); whole cold run incl. type-check/emit: ${h('coldVsFasterPeerWall')}× the faster peer's process.`,
  `- Client, Hawk-signed, vs raw undici with a precomputed header: **${h('oursVsLimit@1')}×** (sequential), **${h('oursVsLimit@16')}×** (16 concurrent) of the limit's requests/s (target ≥ 0.85).`,
  `- Client CPU per request, Hawk-signed tcgen / the limit: ${h('cpuOursVsLimit@1')}× (sequential), ${h('cpuOursVsLimit@16')}× (16 concurrent): on a loaded 2-core machine this is steadier than requests/s.`,
  `- Client vs the official taskcluster-client: **${h('oursVsOfficial@1', 1)}×** (sequential), **${h('oursVsOfficial@16', 1)}×** (16 concurrent) its requests/s (target ≥ 3).`,
  `- Importing one service module: the official client takes **${h('importOfficialOverOurs', 1)}×** as long as ours.`,
  `- listTaskGroup with 1,000 tasks from a server compressing as the services do: **${h('compressionBytesRatio', 1)}×** fewer bytes; ${h('compressionLoopbackTimeRatio')}× the uncompressed time on loopback, ${h('compression100MbitTimeRatio')}× at 100 Mbit/s (computed).`,
  `- Browser bundle (esbuild, minified, gzip -9): \`PurgeCache\` alone **${h('purgeCacheGzipKiB', 1)} KiB**, \`Queue\` alone **${h('queueGzipKiB', 1)} KiB**; neither holds another service's code.`,
  `- Object transfer of 64 MiB vs the official client's upload/download: **${h('uploadSpeedRatio')}×** (upload), **${h('downloadSpeedRatio')}×** (download, hashes verified) its speed.`,
  `- \`tcgen diff\` of v87.1.3 with itself, end to end: **${h('diffSelfWallMs', 0)} ms** (target < 1000).`,
  `- Pulse: consume() with a no-op handler drains **${h('pulseOurs@50', 0)}** messages/s at prefetch 50, **${h('pulseOursVsBare@50')}×** amqplib's bare consume (${h('pulseOursVsBare@5')}× at prefetch 5).`,
  '',
]
  // A shorter run (quick, or one benchmark) leaves out the lines it measured nothing for.
  .filter((line) => !line.includes('**–'))
  .join('\n');

const text = [
  '# Benchmarks',
  '',
  `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · machine: ${machine()} · load average (1 min) at start ${loadBefore.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}; as each benchmark started: ${loads.join(', ') || '–'}`,
  '',
  `Command: \`npm run bench${only === undefined ? '' : ` -- ${only}`}\` (\`npm run build\`, then \`tsx bench/run.ts\`). All numbers below come from that one run; ratios compare numbers of the same run.`,
  '',
  summary,
  ...sections,
].join('\n');

if (only === undefined) {
  await writeFile(path.join(ROOT, 'bench/RESULTS.md'), text + '\n' + (await notes()));
  process.stdout.write(summary + '\nWrote bench/RESULTS.md\n');
} else if (quick) {
  process.stdout.write(text + '\n');
  await replaceQuickBlock(text.replace(/^# Benchmarks/, '# Quick run (`npm run bench -- quick`): the targets of issue 23 and the figures they must not regress'));
  process.stdout.write('Updated the quick-run block of bench/RESULTS.md\n');
} else process.stdout.write(text + '\n');

/** Puts the quick run's text between its markers at the top of bench/RESULTS.md (added there the first time). */
async function replaceQuickBlock(block: string): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const file = path.join(ROOT, 'bench/RESULTS.md');
  const current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const [start, end] = ['<!-- quick-run:start -->', '<!-- quick-run:end -->'];
  const marked = `${start}\n${block.replace(/^#/gm, '##')}\n${end}`;
  const next = current.includes(start)
    ? current.slice(0, current.indexOf(start)) + marked + current.slice(current.indexOf(end) + end.length)
    : current.replace(/^(# Benchmarks\n)/, `$1\n${marked}\n`);
  await writeFile(file, next);
}

/** Hand-written notes kept below the generated part (bench/NOTES.md), if any. */
async function notes(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.join(ROOT, 'bench/NOTES.md'), 'utf8').then((t) => '\n' + t, () => '');
}
