// Compressed API responses: queue.listTaskGroup answered with 1,000 tasks by a loopback server
// that compresses as Taskcluster's services do since 100.3.0 (test/runtime/compressing-server.ts:
// the `compression` middleware's defaults, gzip level 6 from 1 KiB), against the same server not
// compressing (a service before 100.3.0). Our client in both columns, and the official
// taskcluster-client 87.1.3 (got, which asks for gzip, deflate, br) as the peer on the
// compressing server, alternating, in one process. Loopback moves bytes almost for free, so
// wall time here is mostly the server's gzip and the client's gunzip; the bytes column is what a
// real network carries, and the time it takes at 100 Mbit/s is computed from it.
import { Client, callEntry, closeClient, type ClientOptions, type EntryDefinition } from '../templates/runtime/index.ts';
import { startCompressingServer } from '../test/runtime/compressing-server.ts';
import { CREDS } from '../test/runtime/helpers.ts';
import { median, ratio, spread } from './stats.ts';

const LIST_TASK_GROUP: EntryDefinition = {
  name: 'listTaskGroup', method: 'GET', route: '/task-group/<taskGroupId>/list', args: ['taskGroupId'], query: ['continuationToken', 'limit'], input: false, output: true,
};
class Queue extends Client {
  constructor(options: ClientOptions) {
    super({ serviceName: 'queue', apiVersion: 'v1', entries: { listTaskGroup: LIST_TASK_GROUP } }, options);
  }
  listTaskGroup(..._args: unknown[]): Promise<unknown> {
    return callEntry(this, LIST_TASK_GROUP, arguments);
  }
}

/** A listTaskGroup answer (list-task-group-response.json) of `n` tasks shaped like a CI push's. */
export function taskGroupAnswer(n: number): object {
  const taskGroupId = 'dSlITZ4yQgmvxxAi4A8fHQ';
  const tasks = Array.from({ length: n }, (_, i) => {
    const taskId = `T${String(i).padStart(8, '0')}q6oF3gmvxxAi4A`;
    return {
      status: {
        taskId, provisionerId: 'proj-ci', workerType: `b-linux-${i % 7}`, taskQueueId: `proj-ci/b-linux-${i % 7}`, schedulerId: 'ci-level-3', projectId: 'proj', taskGroupId,
        deadline: '2030-01-02T00:00:00.000Z', expires: '2031-01-01T00:00:00.000Z', retriesLeft: 5, state: 'completed',
        runs: [{ runId: 0, state: 'completed', reasonCreated: 'scheduled', reasonResolved: 'completed', workerGroup: 'us-east-1', workerId: `i-0${(i * 7919).toString(16)}`, takenUntil: '2030-01-01T01:00:00.000Z', scheduled: '2030-01-01T00:00:01.000Z', started: '2030-01-01T00:00:05.000Z', resolved: '2030-01-01T00:12:00.000Z' }],
      },
      task: {
        provisionerId: 'proj-ci', workerType: `b-linux-${i % 7}`, taskQueueId: `proj-ci/b-linux-${i % 7}`, schedulerId: 'ci-level-3', projectId: 'proj', taskGroupId,
        dependencies: [taskGroupId, `T${String(Math.max(0, i - 1)).padStart(8, '0')}q6oF3gmvxxAi4A`], requires: 'all-completed',
        routes: [`index.proj.v2.main.revision.abcdef0123456789.build-${i}`, 'tc-treeherder.v2.proj.abcdef0123456789'], priority: 'low', retries: 5,
        created: '2030-01-01T00:00:00.000Z', deadline: '2030-01-02T00:00:00.000Z', expires: '2031-01-01T00:00:00.000Z',
        scopes: ['secrets:get:project/proj/ci', `queue:route:index.proj.v2.main.*`, 'docker-worker:cache:proj-level-3-checkouts'],
        payload: { image: 'proj/build:20300101', command: ['/bin/bash', '-c', `./mach build --target shard-${i} && ./mach test --chunk ${i % 16}`], maxRunTime: 3600, env: { MOZ_BUILD: '1', SHARD: String(i), GECKO_HEAD_REV: 'abcdef0123456789abcdef0123456789abcdef01' }, artifacts: { 'public/build': { type: 'directory', path: '/builds/worker/artifacts', expires: '2031-01-01T00:00:00.000Z' } } },
        metadata: { name: `build-linux64/opt shard ${i}`, description: `Build and test shard ${i} of the linux64 opt configuration`, owner: 'ci@example.com', source: 'https://hg.example.com/proj/file/abcdef0123456789/taskcluster/ci' },
        tags: { kind: 'build', label: `build-linux64/opt-${i}`, createdForUser: 'ci@example.com' }, extra: { index: { rank: 1893456000 }, treeherder: { symbol: `B${i % 16}`, tier: 1 } },
      },
    };
  });
  return { taskGroupId, tasks };
}

interface Column { ms: number[]; wireBytes: number[] }
export interface CompressionResult { tasks: number; rounds: number; jsonBytes: number; columns: Record<string, Column> }

export async function benchCompression(tasks = 1000, rounds = 15): Promise<CompressionResult> {
  const body = JSON.stringify(taskGroupAnswer(tasks));
  const server = await startCompressingServer(() => ({ status: 200, body }));
  const tc = (await import('taskcluster-client' as string)).default as Record<string, any>;
  const ours = new Queue({ rootUrl: server.rootUrl, credentials: CREDS });
  const official = new tc.Queue({ rootUrl: server.rootUrl, credentials: CREDS });
  const runs: Array<[string, boolean, () => Promise<unknown>]> = [
    ['ours, compressed', true, () => ours.listTaskGroup('dSlITZ4yQgmvxxAi4A8fHQ')],
    ['ours, not compressed', false, () => ours.listTaskGroup('dSlITZ4yQgmvxxAi4A8fHQ')],
    ['official, compressed', true, () => official.listTaskGroup('dSlITZ4yQgmvxxAi4A8fHQ')],
  ];
  const columns: Record<string, Column> = Object.fromEntries(runs.map(([name]) => [name, { ms: [], wireBytes: [] }]));
  try {
    for (const [, compress, call] of runs) {
      server.compress = compress;
      await call(); // warm-up: connection, JIT
    }
    for (let round = 0; round < rounds; round++) {
      for (const [name, compress, call] of runs) {
        server.compress = compress;
        server.requests.length = 0;
        const start = performance.now();
        const answer = (await call()) as { tasks: unknown[] };
        columns[name]!.ms.push(performance.now() - start);
        if (answer.tasks.length !== tasks) throw new Error(`${name}: ${answer.tasks.length} tasks`);
        columns[name]!.wireBytes.push(server.requests[0]!.wireBytes);
      }
    }
  } finally {
    await closeClient(ours);
    await server.close();
  }
  return { tasks, rounds, jsonBytes: Buffer.byteLength(body), columns };
}

export function compressionTable(r: CompressionResult): { markdown: string; headline: Record<string, number> } {
  const mbit100 = (bytes: number) => ((bytes * 8) / 100e6) * 1000;
  const lines = [
    `listTaskGroup with ${r.tasks} tasks (${(r.jsonBytes / 1024).toFixed(0)} KiB of JSON), ${r.rounds} rounds per column, alternating; median (min–max) ms on loopback`,
    '',
    '| client, server | bytes on the wire | ms on loopback | ms at 100 Mbit/s (computed: loopback + bytes / bandwidth) |',
    '|---|---:|---:|---:|',
  ];
  for (const [name, c] of Object.entries(r.columns)) {
    const bytes = median(c.wireBytes);
    lines.push(`| ${name} | ${bytes.toLocaleString('en')} | ${spread(c.ms, 1)} | ${(median(c.ms) + mbit100(bytes)).toFixed(1)} |`);
  }
  const on = r.columns['ours, compressed']!;
  const off = r.columns['ours, not compressed']!;
  const peer = r.columns['official, compressed']!;
  const headline = {
    compressionBytesRatio: median(off.wireBytes) / median(on.wireBytes),
    compressionLoopbackTimeRatio: median(on.ms) / median(off.ms),
    compression100MbitTimeRatio: (median(on.ms) + mbit100(median(on.wireBytes))) / (median(off.ms) + mbit100(median(off.wireBytes))),
    compressedOursVsOfficial: median(peer.ms) / median(on.ms),
  };
  lines.push(
    '',
    `Compression sends ${ratio(median(off.wireBytes), median(on.wireBytes))} fewer bytes; on loopback a call takes ${ratio(median(on.ms), median(off.ms))} the uncompressed time (the gzip and gunzip), ` +
      `at 100 Mbit/s ${headline.compression100MbitTimeRatio.toFixed(2)}×. The official client on the same compressing server takes ${ratio(median(peer.ms), median(on.ms))} our time.`,
  );
  return { markdown: lines.join('\n') + '\n', headline };
}
