// Issue 23's speed targets, each as a ratio against its comparison, measured paired (the two
// sides alternate in the same run, so that a machine shared with others loads both alike):
// 1. cold generation of v87.1.3 vs openapi-typescript's whole process on the same references;
// 2. one changed service regenerated (incremental) vs a cold run of the same input, identical output;
// 3. importing one service module vs a bare node process, and the first call's total time
//    (import + first request) vs the same with undici loaded up front (as the runtime did before).
import { fork } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOpenApiDocument } from './openapi-doc.ts';
import { REFERENCES, ROOT, SCRATCH, median, runNode, spread, type ProcessRun } from './stats.ts';
import { listFiles } from '../generator/write/write.ts';

export interface TargetsResult {
  cold: ProcessRun[];
  peer: ProcessRun[];
  incremental: Array<ProcessRun & { service: string; identical: boolean }>;
  incrementalCold: ProcessRun[];
  bare: ProcessRun[];
  importOne: ProcessRun[];
  firstCallLazy: Array<ProcessRun & { inProcessMs: number }>;
  firstCallEager: Array<ProcessRun & { inProcessMs: number }>;
}

const TCGEN = ['bin/tcgen.js', 'generate'];
/** The service changed by the incremental runs: the largest of v87.1.3 (55 schemas), the slowest to remake. */
const CHANGED_SERVICE = 'queue';

async function sameTree(a: string, b: string): Promise<boolean> {
  const [filesA, filesB] = await Promise.all([listFiles(a), listFiles(b)]);
  if (filesA.join('\n') !== filesB.join('\n')) return false;
  for (const file of filesA) if (!(await readFile(path.join(a, file))).equals(await readFile(path.join(b, file)))) return false;
  return true;
}

export async function benchTargets(runs = 5): Promise<TargetsResult> {
  const dir = path.join(SCRATCH, 'targets');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const docFile = path.join(dir, 'openapi.json');
  await writeFile(docFile, JSON.stringify(await buildOpenApiDocument(REFERENCES)));
  const r: TargetsResult = { cold: [], peer: [], incremental: [], incrementalCold: [], bare: [], importOne: [], firstCallLazy: [], firstCallEager: [] };

  // 1. Cold generation, paired with the peer.
  for (let i = 0; i < runs; i++) {
    r.cold.push(await runNode([...TCGEN, '--references', REFERENCES, '--out', path.join(dir, `cold-${i}`)]));
    r.peer.push(await runNode(['bench/peer-openapi.mjs', docFile]));
  }

  // 2. One changed service: each run edits the service's api.json, regenerates the previous
  //    output (incremental), then makes the same input cold into a fresh directory.
  const mirror = path.join(dir, 'mirror');
  await cp(REFERENCES, mirror, { recursive: true });
  const out = path.join(dir, 'incremental');
  await runNode([...TCGEN, '--references', mirror, '--out', out]);
  const api = path.join(mirror, 'references', CHANGED_SERVICE, 'v1/api.json');
  for (let i = 0; i < runs; i++) {
    const reference = JSON.parse(await readFile(api, 'utf8'));
    reference.entries[0].description += ` (changed ${i})`;
    await writeFile(api, JSON.stringify(reference, null, 2));
    const incremental = await runNode([...TCGEN, '--references', mirror, '--out', out, '--verbose']);
    const rebuilt = /modules rebuilt: ([^;\n]*)/.exec(incremental.stderr)?.[1];
    if (rebuilt !== CHANGED_SERVICE) throw new Error(`the incremental run rebuilt ${rebuilt}, not ${CHANGED_SERVICE}`);
    const coldOut = path.join(dir, `incremental-cold-${i}`);
    r.incrementalCold.push(await runNode([...TCGEN, '--references', mirror, '--out', coldOut]));
    r.incremental.push({ ...incremental, service: CHANGED_SERVICE, identical: await sameTree(out, coldOut) });
  }

  // 3. Import cost and the first call, against a loopback server of the benchmark's own.
  const service = pathToFileURL(path.join(ROOT, 'generated/dist/services/purge-cache.js')).href;
  const server = fork(path.join(ROOT, 'bench/server.mjs'), { stdio: 'ignore' });
  try {
    const port = await new Promise<number>((resolve) => server.once('message', (m) => resolve(m as number)));
    // Timed from the start of the script, so that the eager variant's undici import counts too.
    const firstCall = (prelude: string) => `const t = performance.now(); ${prelude} const { PurgeCache } = await import(${JSON.stringify(service)});
      const client = new PurgeCache({ rootUrl: 'http://127.0.0.1:${port}' }); await client.allPurgeRequests();
      console.log(performance.now() - t); process.exit(0);`;
    for (let i = 0; i < runs * 2; i++) {
      r.bare.push(await runNode(['--input-type=module', '-e', 'console.log(0)']));
      r.importOne.push(await runNode(['--input-type=module', '-e', `await import(${JSON.stringify(service)}); console.log(0)`]));
      const lazy = await runNode(['--input-type=module', '-e', firstCall('')]);
      r.firstCallLazy.push({ ...lazy, inProcessMs: Number(lazy.stdout.trim()) });
      // As before the change: undici imported with the module (here: before it).
      const eager = await runNode(['--input-type=module', '-e', firstCall("await import('undici');")]);
      r.firstCallEager.push({ ...eager, inProcessMs: Number(eager.stdout.trim()) });
    }
  } finally {
    server.kill();
  }
  return r;
}

const wall = (runs: ProcessRun[]) => median(runs.map((run) => run.wallMs));
/** Median of the ratios of the paired runs (a / b, run by run): steadier than a ratio of medians on a loaded machine. */
const pairedRatio = (a: ProcessRun[], b: ProcessRun[], of = (run: ProcessRun) => run.wallMs) => median(a.map((run, i) => of(run) / of(b[i]!)));

export function targetsTable(r: TargetsResult): { markdown: string; headline: Record<string, number> } {
  const cpu = (run: ProcessRun) => run.cpuMs;
  const lines = [`Paired: the two sides of each row alternate, run by run (${r.cold.length} pairs; import rows ${r.bare.length}); median (min–max). Ratios are medians of the per-pair ratios.`, ''];
  lines.push('| target | ours ms | comparison ms | ratio (wall) | ratio (CPU) | target |', '|---|---:|---:|---:|---:|---|');
  lines.push(`| 1. cold \`tcgen generate\` of v87.1.3 vs openapi-typescript's whole process | ${spread(r.cold.map((x) => x.wallMs))} | ${spread(r.peer.map((x) => x.wallMs))} | **${pairedRatio(r.cold, r.peer).toFixed(2)}×** | ${pairedRatio(r.cold, r.peer, cpu).toFixed(2)}× | ≤ 1.0× |`);
  lines.push(`| 2. \`tcgen generate\` after one service (${CHANGED_SERVICE}) changed vs a cold run of the same input | ${spread(r.incremental.map((x) => x.wallMs))} | ${spread(r.incrementalCold.map((x) => x.wallMs))} | **${pairedRatio(r.incremental, r.incrementalCold).toFixed(2)}×** | ${pairedRatio(r.incremental, r.incrementalCold, cpu).toFixed(2)}× | ≤ 0.25× and ≤ 500 ms |`);
  const added = median(r.importOne.map((x, i) => x.wallMs - r.bare[i]!.wallMs));
  lines.push(`| 3. import \`dist/services/purge-cache.js\` vs bare \`node\` (process wall) | ${spread(r.importOne.map((x) => x.wallMs))} | ${spread(r.bare.map((x) => x.wallMs))} | ${pairedRatio(r.importOne, r.bare).toFixed(2)}× (**+${added.toFixed(0)} ms**) | ${pairedRatio(r.importOne, r.bare, cpu).toFixed(2)}× | ≤ +30 ms |`);
  const inProcess = (x: ProcessRun) => (x as ProcessRun & { inProcessMs: number }).inProcessMs;
  lines.push(`| 3. first call (import + client + first request), in process: undici loaded lazily vs up front (as before) | ${spread(r.firstCallLazy.map(inProcess))} | ${spread(r.firstCallEager.map(inProcess))} | **${pairedRatio(r.firstCallLazy, r.firstCallEager, inProcess).toFixed(2)}×** | ${pairedRatio(r.firstCallLazy, r.firstCallEager, cpu).toFixed(2)}× (process) | ≤ 1.0× (not worse) |`);
  lines.push(`| 3. first call, whole process wall | ${spread(r.firstCallLazy.map((x) => x.wallMs))} | ${spread(r.firstCallEager.map((x) => x.wallMs))} | ${pairedRatio(r.firstCallLazy, r.firstCallEager).toFixed(2)}× | | |`, '');
  const identical = r.incremental.every((x) => x.identical);
  lines.push(`Incremental output byte-identical to the cold run of the same input in every pair: **${identical ? 'yes' : 'NO'}**. Cold: peak RSS ${spread(r.cold.map((x) => x.maxRssMb))} MB, CPU ${spread(r.cold.map((x) => x.cpuMs))} ms (peer ${spread(r.peer.map((x) => x.cpuMs))} ms).`, '');
  return {
    markdown: lines.join('\n'),
    headline: {
      coldVsPeer: pairedRatio(r.cold, r.peer),
      coldVsPeerCpu: pairedRatio(r.cold, r.peer, cpu),
      coldWallMs: wall(r.cold),
      incrementalVsCold: pairedRatio(r.incremental, r.incrementalCold),
      incrementalWallMs: wall(r.incremental),
      importAddedMs: added,
      firstCallLazyVsEager: pairedRatio(r.firstCallLazy, r.firstCallEager, inProcess),
      incrementalIdentical: identical ? 1 : 0,
    },
  };
}
