// Client throughput: a loopback server in its own process, the clients in another
// (plain node, no loader), so each side gets a core of its own on a 2-core machine.
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, median, ratio, spread } from './stats.ts';

interface Round { rps: number; cpuUsPerReq: number; p50Us: number; p99Us: number }
export interface ClientResult {
  requests: number;
  rounds: number;
  results: Record<string, Round[]>;
  micro: Record<string, number>;
}

export async function benchClient(requests = 10_000, rounds = 5): Promise<ClientResult> {
  const server = fork(path.join(ROOT, 'bench/server.mjs'), { stdio: 'ignore' });
  try {
    const port = await new Promise<number>((resolve) => server.once('message', (m) => resolve(m as number)));
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/client-load.mjs'), String(port), String(requests), String(rounds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`client-load exited with ${code}`);
    return { requests, rounds, ...(JSON.parse(stdout) as Omit<ClientResult, 'requests' | 'rounds'>) };
  } finally {
    server.kill();
  }
}

const KINDS: Array<[string, string]> = [
  ['limit', 'raw undici `request()`, precomputed Hawk header (the limit)'],
  ['ours', 'tcgen client, Hawk-signed'],
  ['oursNoCredentials', 'tcgen client, no credentials'],
  ['official', 'taskcluster-client 87.1.3, Hawk-signed'],
];

export function clientTables(r: ClientResult): { markdown: string; headline: Record<string, number> } {
  const med = (key: string, field: keyof Round) => median(r.results[key]!.map((x) => x[field]));
  const lines: string[] = [];
  const headline: Record<string, number> = {};
  for (const c of [1, 16]) {
    lines.push(`Concurrency ${c}: ${r.requests} requests per round, ${r.rounds} rounds (order rotated each round); median (min–max) over rounds.`, '');
    lines.push('| client | requests/s | client CPU µs/request | p50 µs | p99 µs | rps vs limit | rps vs official |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const [kind, label] of KINDS) {
      const rounds = r.results[`${kind}@${c}`]!;
      lines.push(
        `| ${label} | ${spread(rounds.map((x) => x.rps))} | ${spread(rounds.map((x) => x.cpuUsPerReq))} | ${med(`${kind}@${c}`, 'p50Us').toFixed(0)} | ${med(`${kind}@${c}`, 'p99Us').toFixed(0)} | ${ratio(med(`${kind}@${c}`, 'rps'), med(`limit@${c}`, 'rps'))} | ${ratio(med(`${kind}@${c}`, 'rps'), med(`official@${c}`, 'rps'))} |`,
      );
    }
    lines.push('');
    headline[`oursVsLimit@${c}`] = med(`ours@${c}`, 'rps') / med(`limit@${c}`, 'rps');
    headline[`oursVsOfficial@${c}`] = med(`ours@${c}`, 'rps') / med(`official@${c}`, 'rps');
    headline[`cpuOursVsLimit@${c}`] = med(`ours@${c}`, 'cpuUsPerReq') / med(`limit@${c}`, 'cpuUsPerReq');
  }
  const m = r.micro;
  lines.push('One operation on its own (µs/op, bounded loop after warm-up):', '');
  lines.push('| operation | tcgen runtime µs | reference µs | time, ours / reference |', '|---|---:|---:|---:|');
  lines.push(`| Hawk header | ${m.hawkHeaderOurs!.toFixed(2)} | ${m.hawkHeaderHawkPackage!.toFixed(2)} (hawk 9 \`client.header\`, what the official client uses) | ${ratio(m.hawkHeaderOurs!, m.hawkHeaderHawkPackage!)} |`);
  lines.push(`| temporary credentials | ${m.tempCredsOurs!.toFixed(2)} | ${m.tempCredsOfficial!.toFixed(2)} (taskcluster-client \`createTemporaryCredentials\`) | ${ratio(m.tempCredsOurs!, m.tempCredsOfficial!)} |`, '');
  return { markdown: lines.join('\n'), headline };
}
