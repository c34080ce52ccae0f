// A real RabbitMQ for the Pulse tests: found on localhost:5672 (or TCGEN_TEST_AMQP_URL), started
// when installed but not running, skipped with instructions when not installed. Messages are
// published as Taskcluster's services publish them (taskcluster/taskcluster libraries/pulse,
// src/publisher.js): a durable topic exchange per exchange name, persistent JSON bodies on a
// confirm channel, the routing key joined from the reference's routingKey parts, and the task's
// routes as `route.<route>` keys in the CC header.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { promisify } from 'node:util';
import amqplib from 'amqplib';
import type { ExchangeDefinition, ExchangesDefinition, RoutingKeyDefinition } from '../../templates/runtime/index.ts';

const run = promisify(execFile);
export const AMQP_URL = process.env['TCGEN_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const INSTALL = 'install it with `apt-get update && apt-get install -y rabbitmq-server` as root (`.ci/run` does this), then run npm test again';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: hostname, port: Number(port || 5672) });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function waitReachable(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await reachable(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const installed = () => ['/usr/sbin/rabbitmq-server', '/usr/lib/rabbitmq/bin/rabbitmq-server'].some((file) => existsSync(file));

/** `false` when a broker is there (starting the installed one if needed), else why the tests skip. */
export async function brokerSkip(): Promise<string | false> {
  if (await reachable(AMQP_URL)) return false;
  if (process.env['TCGEN_TEST_AMQP_URL']) return `no AMQP broker answers at TCGEN_TEST_AMQP_URL (${AMQP_URL}): Pulse tests skipped`;
  if (!installed()) return `RabbitMQ is not installed: Pulse tests skipped; ${INSTALL}`;
  if (process.getuid?.() !== 0) return 'RabbitMQ is installed but not running, and starting it needs root: run `service rabbitmq-server start` as root; Pulse tests skipped';
  try {
    await run('service', ['rabbitmq-server', 'start'], { timeout: 120_000 });
  } catch (error) {
    return `RabbitMQ is installed but did not start (\`service rabbitmq-server start\`: ${(error as Error).message.split('\n')[0]}): Pulse tests skipped`;
  }
  return (await waitReachable(AMQP_URL, 60_000)) ? false : 'RabbitMQ was started but does not accept connections on port 5672 after 60 s: Pulse tests skipped';
}

/**
 * Restarts the RabbitMQ application on the local node (`rabbitmqctl stop_app`, `start_app`):
 * every connection is closed, queues are stopped and recovered from disk, as in a server restart,
 * without restarting the Erlang VM. Resolves when the broker accepts connections again.
 */
export async function restartBroker(): Promise<void> {
  await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
  await run('rabbitmqctl', ['start_app'], { timeout: 120_000 });
  if (!(await waitReachable(AMQP_URL, 60_000))) throw new Error('RabbitMQ did not come back after start_app');
}

/** The routing key a service publishes with: each part's constant, else its value, else `_` (publisher.js). */
export function routingKey(parts: readonly RoutingKeyDefinition[], values: Record<string, string | number>): string {
  return parts.map((part) => part.constant ?? (values[part.name] === undefined ? '_' : String(values[part.name]))).join('.');
}

export interface Publisher {
  /** Publishes `message` on `exchange` (a full name) and waits for the broker's confirmation. */
  publish(exchange: string, routingKey: string, message: unknown, routes?: string[]): Promise<void>;
  /** Publishes a raw body (for malformed messages), confirmed. */
  publishRaw(exchange: string, routingKey: string, body: Buffer): Promise<void>;
  /** Many messages, confirmed together. */
  publishMany(messages: Array<{ exchange: string; routingKey: string; message: unknown; routes?: string[] }>): Promise<void>;
  /** The broker's view of a queue: ready messages (not counting unacknowledged ones). */
  messageCount(queue: string): Promise<number>;
  deleteQueue(queue: string): Promise<void>;
  /** A channel for set-up the tests do themselves (declaring and binding a queue beforehand). */
  channel: amqplib.ConfirmChannel;
  close(): Promise<void>;
}

/** A publisher that declares `exchanges` (topic, durable) as the owning service does at start-up. */
export async function publisher(exchanges: readonly string[]): Promise<Publisher> {
  const connection = await amqplib.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  for (const exchange of exchanges) await channel.assertExchange(exchange, 'topic', { durable: true, autoDelete: false, internal: false });
  const send = (exchange: string, key: string, body: Buffer, routes: string[] = []) =>
    channel.publish(exchange, key, body, { persistent: true, contentType: 'application/json', contentEncoding: 'utf-8', CC: routes.map((route) => `route.${route}`) });
  return {
    channel,
    async publish(exchange, key, message, routes) {
      send(exchange, key, Buffer.from(JSON.stringify(message), 'utf8'), routes);
      await channel.waitForConfirms();
    },
    async publishRaw(exchange, key, body) {
      send(exchange, key, body);
      await channel.waitForConfirms();
    },
    async publishMany(messages) {
      for (const { exchange, routingKey: key, message, routes } of messages) send(exchange, key, Buffer.from(JSON.stringify(message), 'utf8'), routes);
      await channel.waitForConfirms();
    },
    async messageCount(queue) {
      // A channel of its own: checkQueue closes the channel when the queue does not exist.
      const probe = await connection.createChannel();
      probe.on('error', () => {});
      // When the queue is missing the broker has closed the channel already: closing it again would break the connection.
      const { messageCount } = await probe.checkQueue(queue);
      await probe.close();
      return messageCount;
    },
    async deleteQueue(queue) {
      await channel.deleteQueue(queue);
    },
    close: () => connection.close(),
  };
}

interface ReferenceEntry extends ExchangeDefinition {
  type: string;
}

/** QueueEvents' definition, from the reference embedded in taskcluster-client 87.1.3 (what the generator emits from it). */
export async function queueExchanges(): Promise<ExchangesDefinition> {
  const apis = (await import('taskcluster-client/src/apis.js' as string)).default as Record<string, { reference: { exchangePrefix: string; serviceName: string; apiVersion: string; entries: ReferenceEntry[] } }>;
  const reference = apis['QueueEvents']!.reference;
  const entries: Record<string, ExchangeDefinition> = {};
  for (const entry of reference.entries.filter((e) => e.type === 'topic-exchange')) {
    entries[entry.name] = { name: entry.name, exchange: entry.exchange, routingKey: entry.routingKey };
  }
  return { exchangePrefix: reference.exchangePrefix, serviceName: reference.serviceName, apiVersion: reference.apiVersion, entries };
}

/** Resolves when `condition()` holds, polling every 10 ms; rejects after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
