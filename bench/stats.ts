// Small statistics and process helpers shared by the benchmarks.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REFERENCES = path.resolve(ROOT, '../shared/taskcluster-references/v87.1.3');
/** Scratch space of the benchmark's own; removed and recreated by each run. */
export const SCRATCH = path.join(ROOT, '.scratch', 'bench');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** "median (min–max)" of a set of numbers. */
export function spread(values: number[], digits = 0): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

export interface ProcessRun {
  /** Wall time from spawn to exit, ms. */
  wallMs: number;
  /** CPU time of the child (user + system, all threads), ms. */
  cpuMs: number;
  /** Peak resident set size, MB. */
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

const PROBE = path.join(ROOT, 'bench', 'probe.mjs');

/**
 * Runs `node ...args` as a fresh process and measures it. The probe (preloaded) writes the
 * child's own resource usage at exit, so CPU and peak RSS cover its worker threads too.
 */
export async function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessRun> {
  const usageFile = path.join(os.tmpdir(), `tcgen-bench-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', PROBE, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, TCGEN_BENCH_USAGE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - start;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}\n${stderr}`);
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
  await rm(usageFile, { force: true });
  return { wallMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, stdout, stderr };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}
