// Generation speed: tcgen cold (fresh process per run) with its stages, the no-op rerun
// (fresh `node bin/tcgen.js`), and the peers on the same schemas in the same run.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOpenApiDocument } from './openapi-doc.ts';
import { REFERENCES, SCRATCH, median, ratio, runNode, spread, type ProcessRun } from './stats.ts';

interface Cold extends ProcessRun { stages: Record<string, number>; inProcessMs: number }
interface Peer extends ProcessRun { importMs: number; workMs: number; failed?: number; chars: number }
export interface GenerationResult { cold: Cold[]; noop: ProcessRun[]; identical: boolean; jstt: Peer[]; openapi: Peer[] }

const parse = <T>(run: ProcessRun): T & ProcessRun => ({ ...run, ...(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T) });

export async function benchGeneration(runs = 5): Promise<GenerationResult> {
  await rm(SCRATCH, { recursive: true, force: true });
  await mkdir(SCRATCH, { recursive: true });
  const cold: Cold[] = [];
  const stamps: string[] = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(SCRATCH, `cold-${i}`);
    cold.push(parse<{ stages: Record<string, number>; inProcessMs: number }>(await runNode(['bench/generate-once.mjs', REFERENCES, out])));
    stamps.push(await readFile(path.join(out, '.tcgen.json'), 'utf8'));
  }
  const noop: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runNode(['bin/tcgen.js', 'generate', '--references', REFERENCES, '--out', path.join(SCRATCH, 'cold-0')]);
    if (!run.stdout.includes('up to date')) throw new Error(`no-op run did work: ${run.stdout}`);
    noop.push(run);
  }
  const docFile = path.join(SCRATCH, 'openapi.json');
  await writeFile(docFile, JSON.stringify(await buildOpenApiDocument(REFERENCES)));
  const jstt: Peer[] = [];
  const openapi: Peer[] = [];
  for (let i = 0; i < Math.max(3, runs - 2); i++) {
    jstt.push(parse(await runNode(['bench/peer-jstt.mjs', path.join(REFERENCES, 'schemas')])));
    openapi.push(parse(await runNode(['bench/peer-openapi.mjs', docFile])));
  }
  return { cold, noop, identical: stamps.every((s) => s === stamps[0]), jstt, openapi };
}

/** Our stages that the peers also do: read the schemas, make types, render, format the sources. */
const PEER_STAGES = ['load', 'validate', 'model', 'types', 'render', 'format'];
const STAGE_LABELS: Record<string, string> = {
  load: 'load (manifest, references, schemas)',
  validate: 'validate',
  model: 'model + naming',
  types: 'schema → types (json-schema-to-typescript per named type)',
  render: 'render (handlebars)',
  emit: 'type-check + emit (.js, .d.ts), on a worker thread started before validate: the wait left after render',
  format: 'the rest of the formatting after the check (oxfmt: each dist .js/.d.ts as it is emitted, README and package.json during the emit wait)',
  write: 'write (temp dir, atomic swap)',
};

export function generationTables(r: GenerationResult): { markdown: string; headline: Record<string, number> } {
  const stageMed = (stage: string) => median(r.cold.map((c) => c.stages[stage] ?? 0));
  const ourPeerStages = r.cold.map((c) => PEER_STAGES.reduce((sum, s) => sum + (c.stages[s] ?? 0), 0));
  const coldWall = median(r.cold.map((c) => c.wallMs));
  const lines: string[] = [];
  lines.push(`### tcgen, cold (${r.cold.length} fresh processes; median (min–max))`, '');
  lines.push('| stage | ms | share of in-process time |', '|---|---:|---:|');
  const inProcess = median(r.cold.map((c) => c.inProcessMs));
  for (const stage of Object.keys(STAGE_LABELS)) lines.push(`| ${STAGE_LABELS[stage]} | ${spread(r.cold.map((c) => c.stages[stage] ?? 0))} | ${((100 * stageMed(stage)) / inProcess).toFixed(0)} % |`);
  lines.push(`| **in process, \`generate()\` call** (stages + module loading between them) | ${spread(r.cold.map((c) => c.inProcessMs))} | |`);
  lines.push(`| **end to end, fresh plain \`node\` process (compiled lib/)** | ${spread(r.cold.map((c) => c.wallMs))} | |`);
  lines.push(`| CPU time of that process (all threads) | ${spread(r.cold.map((c) => c.cpuMs))} | |`);
  lines.push(`| peak RSS, MB | ${spread(r.cold.map((c) => c.maxRssMb))} | |`, '');
  lines.push(`Output of the ${r.cold.length} runs byte-identical (same stamp, which hashes every file): **${r.identical ? 'yes' : 'NO'}**.`, '');
  lines.push(`### tcgen, no-op rerun (fresh \`node bin/tcgen.js generate\` on up-to-date output, ${r.noop.length} runs)`, '');
  lines.push('| | wall ms | CPU ms | peak RSS MB |', '|---|---:|---:|---:|');
  lines.push(`| no-op | ${spread(r.noop.map((n) => n.wallMs))} | ${spread(r.noop.map((n) => n.cpuMs))} | ${spread(r.noop.map((n) => n.maxRssMb))} |`, '');
  lines.push('### Peers on the same v87.1.3 schemas, same run (fresh plain `node` process per run)', '');
  lines.push('| tool | work ms (after import) | import ms | process wall ms | CPU ms | peak RSS MB | output chars |', '|---|---:|---:|---:|---:|---:|---:|');
  const peerRow = (label: string, runs: Peer[]) =>
    `| ${label} | ${spread(runs.map((p) => p.workMs))} | ${spread(runs.map((p) => p.importMs))} | ${spread(runs.map((p) => p.wallMs))} | ${spread(runs.map((p) => p.cpuMs))} | ${spread(runs.map((p) => p.maxRssMb))} | ${runs[0]!.chars} |`;
  lines.push(peerRow(`json-schema-to-typescript 16, one \`compile\` per schema file (${r.jstt[0]!.failed} of 187 fail: remote draft-06 metaschema $ref, network off)`, r.jstt));
  lines.push(peerRow('openapi-typescript 7, one OpenAPI 3.1 document built from the same references', r.openapi));
  lines.push(`| **tcgen, the same stages** (${PEER_STAGES.join(' + ')}) | ${spread(ourPeerStages)} | – | – | – | – | – |`, '');
  const fasterPeer = Math.min(median(r.jstt.map((p) => p.workMs)), median(r.openapi.map((p) => p.workMs)));
  const fasterPeerWall = Math.min(median(r.jstt.map((p) => p.wallMs)), median(r.openapi.map((p) => p.wallMs)));
  lines.push(`tcgen's comparable stages take ${ratio(median(ourPeerStages), fasterPeer)} the faster peer's work time; tcgen's whole cold run (type-check, emit and formatting of dist included) takes ${ratio(coldWall, fasterPeerWall)} the faster peer's whole process.`, '');
  return {
    markdown: lines.join('\n'),
    headline: { coldWallMs: coldWall, noopWallMs: median(r.noop.map((n) => n.wallMs)), peerStagesVsFasterPeer: median(ourPeerStages) / fasterPeer, coldVsFasterPeerWall: coldWall / fasterPeerWall, coldRssMb: median(r.cold.map((c) => c.maxRssMb)) },
  };
}

