// A real RabbitMQ for the Pulse tests: a private node each test file starts for itself (its own
// node name, AMQP, distribution and epmd ports, cookie, data and log directories under a temporary
// directory), stopped by its own handle at the end. No test touches a broker it did not start: a
// system broker on 5672 is never used, restarted or stopped. TCGEN_TEST_AMQP_URL names an external
// broker instead (tests that restart a broker or add users then skip). Messages are published as
// Taskcluster's services publish them (taskcluster/taskcluster libraries/pulse, src/publisher.js):
// a durable topic exchange per exchange name, persistent JSON bodies on a confirm channel, the
// routing key joined from the reference's routingKey parts, and the task's routes as
// `route.<route>` keys in the CC header.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqplib from 'amqplib';
import type { ExchangeDefinition, ExchangesDefinition, RoutingKeyDefinition } from '../../templates/runtime/index.ts';

const run = promisify(execFile);
const RABBITMQ_BIN = '/usr/lib/rabbitmq/bin';
const INSTALL = 'install it with `apt-get update && apt-get install -y rabbitmq-server` as root (`.ci/run` does this; no broker needs to run), then run npm test again';

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** A port nothing listens on now (the kernel's choice, so never one of the fixed ports other stacks use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Broker {
  /** `amqp://guest:guest@127.0.0.1:<port>`: RabbitMQ's default user, allowed from loopback. */
  url: string;
  /** Present on a private node only: rabbitmqctl against this node and no other. */
  ctl?: (args: string[]) => Promise<string>;
  /**
   * Present on a private node only: restarts the RabbitMQ application of this node (`stop_app`,
   * `start_app`): every connection is closed, queues are stopped and recovered from disk, as in a
   * server restart, without restarting the Erlang VM. Resolves when it accepts connections again.
   */
  restart?: () => Promise<void>;
  /** Stops the private node (and its epmd) and deletes its directory; nothing for an external broker. */
  stop(): Promise<void>;
}

interface PrivateNode {
  dir: string;
  env: NodeJS.ProcessEnv;
  node: string;
  amqpPort: number;
  server: ChildProcess;
  epmd: ChildProcess;
}

/** Kills what is still running of a node (its process group, its epmd); safe to call twice, also from an exit handler. */
function kill(node: PrivateNode): void {
  for (const child of [node.server, node.epmd]) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function startPrivateNode(): Promise<PrivateNode> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tcgen-rabbit-'));
  const [amqpPort, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  const node = `tcgen-${process.pid}-${randomBytes(3).toString('hex')}@localhost`;
  for (const sub of ['home', 'mnesia', 'log']) await mkdir(path.join(dir, sub));
  // Its own cookie: rabbitmqctl and the node read it from this HOME, and no other node shares it.
  await writeFile(path.join(dir, 'home', '.erlang.cookie'), randomBytes(20).toString('hex').toUpperCase());
  await chmod(path.join(dir, 'home', '.erlang.cookie'), 0o400);
  await writeFile(path.join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${amqpPort}\nlisteners.ssl = none\ndisk_free_limit.absolute = 1MB\n`);
  await writeFile(path.join(dir, 'enabled_plugins'), '[].\n');
  await writeFile(path.join(dir, 'rabbitmq-env.conf'), '');
  // The variables the deployment launcher (../shared/taskcluster-services/start.sh) uses for its private node.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: path.join(dir, 'home'),
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_NODENAME: node,
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_PID_FILE: path.join(dir, 'rabbit.pid'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    // rabbitmqctl is an Erlang node too: a failure of it writes its crash dump here, not in the project.
    ERL_CRASH_DUMP: path.join(dir, 'erl_crash.dump'),
  };
  // Our own epmd on our own port, started first so that the node registers with it and not with one it would daemonize.
  // service: lives until kill(handle), at stopBroker or at this process's exit.
  const epmd = spawn('epmd', ['-port', String(epmdPort), '-address', '127.0.0.1'], { env, detached: true, stdio: 'ignore' });
  const log = openSync(path.join(dir, 'server.log'), 'a');
  // service: lives until kill(handle), at stopBroker or at this process's exit.
  const server = spawn(path.join(RABBITMQ_BIN, 'rabbitmq-server'), [], { env, cwd: dir, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const handle: PrivateNode = { dir, env, node, amqpPort, server, epmd };
  process.once('exit', () => kill(handle));
  const deadline = Date.now() + 180_000;
  while (!(await reachable('127.0.0.1', amqpPort))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      kill(handle);
      throw new Error(`the private RabbitMQ node ${node} did not start (exit ${server.exitCode}); see ${path.join(dir, 'server.log')} and ${path.join(dir, 'log')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return handle;
}

async function ctlOf(handle: PrivateNode, args: string[], timeout = 120_000): Promise<string> {
  const { stdout } = await run(path.join(RABBITMQ_BIN, 'rabbitmqctl'), ['-n', handle.node, ...args], { env: handle.env, cwd: handle.dir, timeout });
  return stdout;
}

/**
 * The broker for one test file: a private RabbitMQ node started for it (or TCGEN_TEST_AMQP_URL's
 * broker), or why the tests skip.
 */
export async function startBroker(): Promise<Broker | string> {
  const external = process.env['TCGEN_TEST_AMQP_URL'];
  if (external) {
    const { hostname, port } = new URL(external);
    if (!(await reachable(hostname, Number(port || 5672)))) return `no AMQP broker answers at TCGEN_TEST_AMQP_URL (${external}): Pulse tests skipped`;
    return { url: external, stop: async () => {} };
  }
  if (!existsSync(path.join(RABBITMQ_BIN, 'rabbitmq-server'))) return `RabbitMQ is not installed: Pulse tests skipped; ${INSTALL}`;
  let handle: PrivateNode;
  try {
    handle = await startPrivateNode();
  } catch (error) {
    return `${(error as Error).message}: Pulse tests skipped`;
  }
  const url = `amqp://guest:guest@127.0.0.1:${handle.amqpPort}`;
  const ctl = (args: string[]) => ctlOf(handle, args);
  let stopped: Promise<void> | undefined;
  return {
    url,
    ctl,
    async restart() {
      await ctl(['stop_app']);
      await ctl(['start_app']);
      const deadline = Date.now() + 60_000;
      while (!(await reachable('127.0.0.1', handle.amqpPort))) {
        if (Date.now() > deadline) throw new Error(`the private RabbitMQ node ${handle.node} did not come back after start_app`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    stop() {
      // Once: gracefully by its own name, then whatever is left of its process group and its epmd.
      stopped ??= (async () => {
        await ctlOf(handle, ['stop'], 60_000).catch(() => {});
        kill(handle);
        await rm(handle.dir, { recursive: true, force: true }).catch(() => {});
      })();
      return stopped;
    },
  };
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

/** A publisher on the broker at `url` that declares `exchanges` (topic, durable) as the owning service does at start-up. */
export async function publisher(url: string, exchanges: readonly string[]): Promise<Publisher> {
  const connection = await amqplib.connect(url);
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
