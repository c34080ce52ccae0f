// Import cost: one service module in a fresh node process, ours (generated/dist) vs the
// official client (one package with every service). Measured inside the child around the
// import itself, and as the whole process's wall time.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, median, runNode, spread } from './stats.ts';

export interface ImportResult { runs: number; rows: Array<{ label: string; importMs: number[]; wallMs: number[]; rssMb: number[] }> }

const script = (specifier: string, pick: string) =>
  `const t = performance.now(); const m = await import(${JSON.stringify(specifier)}); if (!(${pick})) throw new Error('missing'); console.log(performance.now() - t);`;

export async function benchImport(runs = 9): Promise<ImportResult> {
  const ours = pathToFileURL(path.join(ROOT, 'generated/dist/services/purge-cache.js')).href;
  const cases: Array<[string, string]> = [
    ['node, empty script', 'console.log(0)'],
    ['tcgen `generated/dist/services/purge-cache.js`', script(ours, 'm.PurgeCache')],
    ['taskcluster-client 87.1.3 (`PurgeCache`)', script('taskcluster-client', 'm.default.PurgeCache')],
  ];
  const rows: ImportResult['rows'] = cases.map(([label]) => ({ label, importMs: [], wallMs: [], rssMb: [] }));
  for (let i = 0; i < runs; i++) {
    for (const [k, [, code]] of cases.entries()) {
      const run = await runNode(['--input-type=module', '-e', code], { cwd: ROOT });
      rows[k]!.importMs.push(Number(run.stdout.trim()));
      rows[k]!.wallMs.push(run.wallMs);
      rows[k]!.rssMb.push(run.maxRssMb);
    }
  }
  return { runs, rows };
}

export function importTable(r: ImportResult): { markdown: string; headline: Record<string, number> } {
  const lines = [`${r.runs} fresh processes each, interleaved; median (min–max).`, '', '| module | import ms (in process) | process wall ms | peak RSS MB |', '|---|---:|---:|---:|'];
  for (const row of r.rows) lines.push(`| ${row.label} | ${row.label.startsWith('node') ? '–' : spread(row.importMs, 1)} | ${spread(row.wallMs)} | ${spread(row.rssMb)} |`);
  const [, ours, official] = r.rows;
  return { markdown: lines.join('\n') + '\n', headline: { importOfficialOverOurs: median(official!.importMs) / median(ours!.importMs) } };
}
