// Pulse consumption throughput: messages/s that consume() handles with a no-op handler, against
// amqplib's bare consume (ack only: no JSON parsing, no bookkeeping) on the same local RabbitMQ,
// the same kind of queue (a named quorum queue, as consume declares) and the same prefetch.
// Each round fills the queue with N Taskcluster-shaped messages first, then times draining it.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import amqplib from 'amqplib';
import { consume } from '../templates/runtime/pulse.ts';
import { startBroker } from '../test/pulse/broker.ts';
import { median, ratio, spread } from './stats.ts';

/** The broker's URL: a private node started for the run (test/pulse/broker.ts), or TCGEN_TEST_AMQP_URL's. */
let URL = '';
const EXCHANGE = 'exchange/taskcluster-queue/v1/task-completed';
const MESSAGES = 10_000;
const ROUNDS = 3;
const PREFETCHES = [5, 50];

interface PulseResults {
  /** prefetch → messages/s per round. */
  ours: Map<number, number[]>;
  bare: Map<number, number[]>;
  loadBefore: number;
  loadAfter: number;
}

function message(i: number): Buffer {
  return Buffer.from(
    JSON.stringify({ status: { taskId: `task${i}`, provisionerId: 'proj', workerType: 'wt', schedulerId: 's', taskGroupId: 'g', state: 'completed', runs: [] }, runId: 0, workerGroup: 'wg', workerId: 'w', version: 1 }),
  );
}

/** A fresh named quorum queue bound to the exchange and filled with MESSAGES persistent messages. */
async function filledQueue(channel: amqplib.ConfirmChannel): Promise<string> {
  const queue = `queue/guest/bench-${randomUUID()}`;
  await channel.assertQueue(queue, { durable: true, exclusive: false, autoDelete: false, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(queue, EXCHANGE, '#');
  for (let i = 0; i < MESSAGES; i++) {
    channel.publish(EXCHANGE, `primary.task${i}.0.wg.w.proj.wt.s.g._`, message(i), { persistent: true, contentType: 'application/json', contentEncoding: 'utf-8', CC: ['route.index.bench'] });
    if (i % 1000 === 999) await channel.waitForConfirms();
  }
  await channel.waitForConfirms();
  return queue;
}

async function drainOurs(queue: string, prefetch: number): Promise<number> {
  let handled = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  const consumer = await consume({ connection: URL, queueName: queue.replace('queue/guest/', ''), prefetch, bindings: [{ exchange: EXCHANGE, routingKeyPattern: '#' }] }, () => {
    if (++handled === MESSAGES) done();
  });
  await finished;
  const elapsed = performance.now() - started;
  await consumer.stop();
  return (MESSAGES / elapsed) * 1000;
}

async function drainBare(queue: string, prefetch: number): Promise<number> {
  let handled = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  const connection = await amqplib.connect(URL);
  const channel = await connection.createChannel();
  await channel.prefetch(prefetch);
  await channel.assertQueue(queue, { durable: true, exclusive: false, autoDelete: false, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(queue, EXCHANGE, '#');
  await channel.consume(queue, (msg) => {
    if (msg === null) return;
    channel.ack(msg);
    if (++handled === MESSAGES) done();
  });
  await finished;
  const elapsed = performance.now() - started;
  await connection.close();
  return (MESSAGES / elapsed) * 1000;
}

export async function benchPulse(): Promise<PulseResults> {
  const broker = await startBroker();
  if (typeof broker === 'string') throw new Error(broker);
  try {
    URL = broker.url;
    return await measure();
  } finally {
    await broker.stop();
  }
}

async function measure(): Promise<PulseResults> {
  const loadBefore = os.loadavg()[0]!;
  const connection = await amqplib.connect(URL);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  const ours = new Map<number, number[]>();
  const bare = new Map<number, number[]>();
  try {
    for (const prefetch of PREFETCHES) {
      ours.set(prefetch, []);
      bare.set(prefetch, []);
      // Alternating, so that a change in the machine's load falls on both alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const [results, drain] of [[bare, drainBare], [ours, drainOurs]] as const) {
          const queue = await filledQueue(channel);
          results.get(prefetch)!.push(await drain(queue, prefetch));
          await channel.deleteQueue(queue);
        }
      }
    }
  } finally {
    await connection.close();
  }
  return { ours, bare, loadBefore, loadAfter: os.loadavg()[0]! };
}

export function pulseTable(results: PulseResults): { markdown: string; headline: Record<string, number> } {
  const headline: Record<string, number> = {};
  const rows = PREFETCHES.map((prefetch) => {
    const ours = results.ours.get(prefetch)!;
    const bare = results.bare.get(prefetch)!;
    headline[`pulseOursVsBare@${prefetch}`] = median(ours) / median(bare);
    headline[`pulseOurs@${prefetch}`] = median(ours);
    return `| ${prefetch} | ${spread(ours)} | ${spread(bare)} | ${ratio(median(ours), median(bare))} |`;
  });
  const markdown = [
    `${MESSAGES} messages per round (Taskcluster-shaped JSON, ~250 bytes, persistent, one CC route) drained from a named quorum queue on a private RabbitMQ node on this machine; ${ROUNDS} rounds per column, alternating; load average ${results.loadBefore.toFixed(1)} → ${results.loadAfter.toFixed(1)} (a shared 2-core machine: the broker, this process and other work share the cores).`,
    '',
    '| prefetch | consume(), no-op handler, msg/s median (min–max) | amqplib bare consume + ack, msg/s | ours / bare |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  return { markdown, headline };
}
