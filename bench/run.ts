// `npm run bench`: every benchmark in one run, then bench/RESULTS.md from its numbers.
// `npm run bench -- generation` (or client, compression, bundle, import) runs one and prints it without writing.
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

const only = process.argv[2];
const want = (name: string) => only === undefined || only === name;
const sections: string[] = [];
const headline: Record<string, number> = {};
const loadBefore = os.loadavg()[0]!;

if (want('generation')) {
  process.stderr.write('generation…\n');
  const t = generationTables(await benchGeneration());
  sections.push('## Generation (v87.1.3: 41 references, 187 schemas)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('client')) {
  process.stderr.write('client throughput…\n');
  const t = clientTables(await benchClient());
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
  const t = diffTable(await benchDiff());
  sections.push('## `tcgen diff` (v87.1.3 against itself)\n', t.markdown);
  Object.assign(headline, t.headline);
}
if (want('pulse')) {
  process.stderr.write('pulse consumption…\n');
  try {
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
].join('\n');

const text = [
  '# Benchmarks',
  '',
  `Run: ${new Date().toISOString().slice(0, 10)} · machine: ${machine()} · load average at start ${loadBefore.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}`,
  '',
  `Command: \`npm run bench\` (\`npm run build\`, then \`tsx bench/run.ts\`). All numbers below come from that one run; ratios compare numbers of the same run.`,
  '',
  summary,
  ...sections,
].join('\n');

if (only === undefined) {
  await writeFile(path.join(ROOT, 'bench/RESULTS.md'), text + '\n' + (await notes()));
  process.stdout.write(summary + '\nWrote bench/RESULTS.md\n');
} else process.stdout.write(text + '\n');

/** Hand-written notes kept below the generated part (bench/NOTES.md), if any. */
async function notes(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.join(ROOT, 'bench/NOTES.md'), 'utf8').then((t) => '\n' + t, () => '');
}
