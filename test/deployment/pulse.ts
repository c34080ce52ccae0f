// What the real queue published for the main task, as our consume() delivered it: the five
// exchanges, the routing keys as the queue builds them (written out here from the exchanges
// reference's key parts, `_` for a part that does not apply), the task's routes as CC routes,
// and every payload valid for its exchange's schema in the v87.1.3 reference (ajv, draft-06).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { snapshotDir } from '../corpus/helpers.ts';
import { TRICKY } from './artifacts.ts';
import type { Context } from './compare.ts';
import type { Seen } from './pulse-app.ts';
import { PROVISIONER, ccRoute, namespace, workerType } from './tasks.ts';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS with `default` exports.
const Ajv = require('ajv').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
const BASE = 'https://schemas.invalid';

/** A validator per queue exchange (by its full name), from the reference's schemas. */
async function exchangeValidators(): Promise<Map<string, (payload: unknown) => string[]>> {
  const root = snapshotDir('v87.1.3');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const dir of ['queue/v1', 'common']) {
    for (const file of await readdir(path.join(root, 'schemas', dir))) {
      if (!file.endsWith('.json') || file.includes('metaschema')) continue;
      const schema = JSON.parse(await readFile(path.join(root, 'schemas', dir, file), 'utf8')) as Record<string, unknown>;
      delete schema['$schema'];
      ajv.addSchema({ ...schema, $id: `${BASE}${schema['$id'] as string}` });
    }
  }
  const exchanges = JSON.parse(await readFile(path.join(root, 'references', 'queue', 'v1', 'exchanges.json'), 'utf8')) as {
    exchangePrefix: string;
    entries: Array<{ exchange: string; schema: string }>;
  };
  return new Map(
    exchanges.entries.map((e) => {
      const check = ajv.getSchema(`${BASE}/schemas/queue/${e.schema}`)!;
      assert.ok(check, `schema ${e.schema}`);
      return [`${exchanges.exchangePrefix}${e.exchange}`, (payload: unknown) => (check(payload) ? [] : (check.errors ?? []).map((x: { instancePath: string; message?: string }) => `${x.instancePath} ${x.message}`))];
    }),
  );
}

export async function checkMessages(c: Context, taskId: string, seen: Seen[], routed: Seen[]): Promise<void> {
  const ours = c.cmp.sides.ours;
  const wt = workerType(c, ours, 'a');
  const group = ours.id('group');
  const key = (runId: string, worker: string) => `primary.${taskId}.${runId}.${worker}.${PROVISIONER}.${wt}.tcgen-test.${group}._`;
  const running = key('0', 'tcgen.worker-1');
  const mine = seen.filter((m) => m.taskId === taskId || m.taskId.startsWith(`${taskId}:`));
  const short = (m: Seen) => [m.exchange.replace('exchange/taskcluster-queue/v1/', ''), m.taskId.replace(`${taskId}`, 'T'), m.routingKey];
  // No artifact-created for the s3 artifact: the queue publishes none for s3 (services/queue/src/artifacts.js),
  // and without S3 nothing is uploaded to finish. Messages of one task may arrive out of order (one queue, but the queue service publishes from several processes).
  assert.deepEqual(mine.map(short).sort(), [
    ['task-defined', 'T', key('_', '_._')],
    ['task-pending', 'T', key('0', '_._')],
    ['task-running', 'T', running],
    ['artifact-created', 'T:public/reference.txt', running],
    ['artifact-created', 'T:tcgen/private.txt', running],
    ['artifact-created', `T:${TRICKY}`, running],
    ['artifact-created', 'T:public/error.txt', running],
    ['task-completed', 'T', running],
  ].sort());
  const routes = [`index.${namespace(c, ours)}`, ccRoute(c, ours)];
  for (const message of mine) assert.deepEqual(message.routes, routes, `${message.exchange}: the task's routes, as CC routes`);
  // The consumer bound to no task group received the completion only through the CC route.
  assert.deepEqual(routed.map(short), [['task-completed', 'T', running]]);
  const validators = await exchangeValidators();
  assert.notDeepEqual(validators.get('exchange/taskcluster-queue/v1/task-completed')!({ status: {} }), [], 'the validators check something');
  for (const message of [...mine, ...routed]) {
    assert.deepEqual(validators.get(message.exchange)!(message.payload), [], `${message.exchange}: valid for its schema`);
  }
  const completed = mine.find((m) => m.exchange.endsWith('/task-completed'))!;
  assert.equal((completed.payload as any).status.state, 'completed');
  assert.equal(completed.runId, 0);
}

/**
 * The connection as applications give it for Pulse (credentials and a hostname, not a URL):
 * `amqps://…@localhost:5671/<vhost>`, TLS as Taskcluster's own services connect. A child process,
 * because it must trust the deployment's CA (NODE_EXTRA_CA_CERTS) from its start.
 */
export async function consumeOverTls(c: Context, taskGroupId: string, seen: (line: Record<string, unknown>) => void): Promise<{ ready: Promise<void>; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const { pathToFileURL } = await import('node:url');
  const { pulse } = c.deployment;
  const script = `
    const { consume } = await import(${JSON.stringify(pathToFileURL(path.join(c.scratch, 'pkg', 'dist', 'runtime', 'pulse.js')).href)});
    const { QueueEvents } = await import(${JSON.stringify(pathToFileURL(path.join(c.scratch, 'pkg', 'dist', 'services', 'queue.js')).href)});
    const [username, password, vhost, taskGroupId] = process.argv.slice(1);
    const consumer = await consume({ connection: { username, password, hostname: 'localhost', vhost }, bindings: [new QueueEvents().taskDefined({ taskGroupId })] },
      (m) => void console.log(JSON.stringify({ exchange: m.exchange, routingKey: m.routingKey, taskId: m.payload.status.taskId })));
    console.log(JSON.stringify({ ready: consumer.queueName }));
    process.stdin.on('end', async () => { await consumer.stop(); process.exit(0); }).resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, pulse.username, pulse.password, pulse.vhost, taskGroupId], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: pulse.caFile },
    stdio: ['pipe', 'pipe', 'inherit'],
    timeout: 180_000, // never outlives a hung test: killed after 3 minutes
  });
  let buffered = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    child.on('exit', (code) => reject(new Error(`the TLS consumer exited with ${code}`)));
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, at)) as Record<string, unknown>;
      buffered = buffered.slice(at + 1);
      if ('ready' in line) markReady();
      else seen(line);
    }
  });
  return {
    ready,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', () => resolve());
      child.stdin.end();
    }),
  };
}
