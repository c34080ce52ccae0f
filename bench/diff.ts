// `tcgen diff` speed: v87.1.3 against itself (both sides loaded, validated, modelled and
// compared in full), as a fresh `node bin/tcgen.js diff` process and in process by stage.
import { REFERENCES, median, runNode, spread, type ProcessRun } from './stats.ts';

interface InProcess extends ProcessRun { modelsMs: number; diffMs: number; inProcessMs: number; changes: number }
export interface DiffResult { cli: ProcessRun[]; inProcess: InProcess[] }

export async function benchDiff(runs = 5): Promise<DiffResult> {
  const cli: ProcessRun[] = [];
  const inProcess: InProcess[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runNode(['bin/tcgen.js', 'diff', REFERENCES, REFERENCES, '--format', 'json']);
    if (JSON.parse(run.stdout).verdict !== 'none') throw new Error(`self-diff found changes: ${run.stdout.slice(0, 200)}`);
    cli.push(run);
    const once = await runNode(['bench/diff-once.mjs', REFERENCES]);
    inProcess.push({ ...once, ...(JSON.parse(once.stdout) as Omit<InProcess, keyof ProcessRun>) });
  }
  return { cli, inProcess };
}

export function diffTable(r: DiffResult): { markdown: string; headline: Record<string, number> } {
  const lines = [`${r.cli.length} runs each; median (min–max).`, '', '| | ms |', '|---|---:|'];
  lines.push(`| **end to end, fresh \`node bin/tcgen.js diff v87.1.3 v87.1.3 --format json\` (compiled lib/)** | ${spread(r.cli.map((c) => c.wallMs))} |`);
  lines.push(`| CPU time of that process | ${spread(r.cli.map((c) => c.cpuMs))} |`);
  lines.push(`| in process: load + validate + model + snapshot, both sides (concurrently) | ${spread(r.inProcess.map((c) => c.modelsMs))} |`);
  lines.push(`| in process: compare the two snapshots | ${spread(r.inProcess.map((c) => c.diffMs), 1)} |`);
  lines.push(`| peak RSS, MB | ${spread(r.cli.map((c) => c.maxRssMb))} |`, '');
  lines.push('Target: under 1000 ms end to end.', '');
  return { markdown: lines.join('\n'), headline: { diffSelfWallMs: median(r.cli.map((c) => c.wallMs)) } };
}
