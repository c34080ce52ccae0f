// consume() against a real RabbitMQ (see broker.ts: a private node this file starts and stops,
// skipped with instructions when RabbitMQ is not installed), with messages published the way Taskcluster's services publish them
// and bindings made by the runtime's events code from the queue service's real reference.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { EventsClient, bindExchange, type ExchangesDefinition } from '../../templates/runtime/index.ts';
import { consume, pulseUrl, type BadMessage, type DroppedMessage } from '../../templates/runtime/pulse.ts';
import { publisher, queueExchanges, routingKey, startBroker, waitFor, type Broker, type Publisher } from './broker.ts';

interface TaskCompletedMessage { status: { taskId: string; state: 'completed' }; runId: number; workerGroup: string; workerId: string }
interface TaskFailedMessage { status: { taskId: string; state: 'failed' }; runId: number; workerGroup: string; workerId: string }
const COMPLETED = 'exchange/taskcluster-queue/v1/task-completed';
const FAILED = 'exchange/taskcluster-queue/v1/task-failed';
const OTHER = 'exchange/taskcluster-queue/v1/task-exception';

// A private node of this file's own; a reason to skip when RabbitMQ is not installed.
const broker = await startBroker();
const skip = typeof broker === 'string' ? broker : false;
if (skip) console.log(`# ${skip}`);
// Nothing listens on port 1: the option checks below refuse before connecting.
const AMQP_URL = typeof broker === 'string' ? 'amqp://guest:guest@127.0.0.1:1' : broker.url;
after(async () => {
  if (typeof broker !== 'string') await broker.stop();
});

test('Pulse credentials become the amqps URL Taskcluster builds; bad options are refused before connecting', async () => {
  assert.equal(pulseUrl({ username: 'me/x', password: 'p@ss:w', hostname: 'pulse.example.com' }), 'amqps://me%2Fx:p%40ss%3Aw@pulse.example.com:5671/%2F?frameMax=0');
  assert.equal(pulseUrl({ username: 'u', password: 'p', hostname: 'h', vhost: 'v', amqps: false }), 'amqp://u:p@h:5672/v?frameMax=0');
  const binding = { exchange: COMPLETED, routingKeyPattern: '#' };
  const handler = async () => {};
  await assert.rejects(consume({ connection: 'http://localhost', bindings: [binding] }, handler), /amqp: or amqps:, not http:/);
  await assert.rejects(consume({ connection: { username: '', password: 'p', hostname: 'h' }, bindings: [binding] }, handler), /connection.username/);
  await assert.rejects(consume({ connection: AMQP_URL, bindings: [] }, handler), /bindings must be a non-empty array/);
  await assert.rejects(consume({ connection: AMQP_URL, bindings: [binding], prefetch: 0 }, handler), /prefetch must be an integer >= 1/);
  await assert.rejects(consume({ connection: AMQP_URL, bindings: [{ exchange: COMPLETED } as never] }, handler), /routingKeyPattern/);
});


describe('consume against RabbitMQ', () => {
  let exchanges: ExchangesDefinition;
  let events: EventsClient;
  let pub: Publisher;
  const queues: string[] = [];
  const taskCompleted = (pattern?: object) => bindExchange<TaskCompletedMessage, typeof COMPLETED>(events, exchanges.entries['taskCompleted']!, pattern);
  const taskFailed = (pattern?: object) => bindExchange<TaskFailedMessage, typeof FAILED>(events, exchanges.entries['taskFailed']!, pattern);
  const completedKey = (values: Record<string, string | number>) => routingKey(exchanges.entries['taskCompleted']!.routingKey, values);
  const completed = (taskId: string): TaskCompletedMessage => ({ status: { taskId, state: 'completed' }, runId: 0, workerGroup: 'wg', workerId: 'w' });
  const task = (taskId: string, more: Record<string, string> = {}) => ({ taskId, runId: 0, workerGroup: 'wg', workerId: 'w', provisionerId: 'proj', workerType: 'wt', schedulerId: 's', taskGroupId: 'g', ...more });
  /** A queue name of this run, deleted at the end. */
  const named = (): string => {
    const name = `tcgen-test-${randomUUID()}`;
    queues.push(`queue/guest/${name}`);
    return name;
  };

  before(async () => { 
    if (skip) return;
    exchanges = await queueExchanges();
    events = new EventsClient(exchanges);
    pub = await publisher(AMQP_URL, [COMPLETED, FAILED, OTHER]);
  });
  after(async () => {
    if (skip) return;
    for (const queue of queues) await pub.deleteQueue(queue).catch(() => {});
    await pub.close();
  });

  test('a binding that matches delivers; one that does not, does not (unnamed exclusive queue)', { skip }, async () => {
    const seen: string[] = [];
    const consumer = await consume({ connection: AMQP_URL, bindings: [taskCompleted({ provisionerId: 'proj' })] }, async ({ payload, routingKey: key, routes, redelivered }) => {
      seen.push(payload.status.taskId);
      assert.equal(key, completedKey(task(payload.status.taskId)));
      assert.deepEqual(routes, []);
      assert.equal(redelivered, false);
    });
    assert.match(consumer.queueName, /^queue\/guest\/[A-Za-z0-9_-]{22}$/);
    await pub.publish(COMPLETED, completedKey(task('match-1')), completed('match-1'));
    await pub.publish(COMPLETED, completedKey(task('other-provisioner', { provisionerId: 'elsewhere' })), completed('other-provisioner'));
    await pub.publish(FAILED, completedKey(task('other-exchange')), completed('other-exchange'));
    await pub.publish(COMPLETED, completedKey(task('match-2')), completed('match-2'));
    // One queue, one publisher channel: messages arrive in order, so match-2 comes after anything the others could have delivered.
    await waitFor(() => seen.includes('match-2'), 'match-2');
    assert.deepEqual(seen, ['match-1', 'match-2']);
    await consumer.stop();
    // Exclusive and auto-deleted: gone with its connection.
    await assert.rejects(pub.messageCount(consumer.queueName), /NOT_FOUND/);
  });

  test('multi-word `#` keys: the reference\'s multi-word part, and CC routes reported without their prefix', { skip }, async () => {
    const seen: Array<{ taskId: string; routingKey: string; routes: string[] }> = [];
    const consumer = await consume(
      {
        connection: AMQP_URL,
        // The binding's own multi-word part is `#` (reserved), and a CC route binding with a multi-word tail
        // (spread from a typed binding, so that it keeps the message type).
        bindings: [taskCompleted({ taskId: 'reserved-words' }), { ...taskCompleted(), routingKeyPattern: 'route.index.project.#' }],
      },
      async ({ payload, routingKey: key, routes }) => void seen.push({ taskId: payload.status.taskId, routingKey: key, routes }),
    );
    assert.equal(taskCompleted({ taskId: 'reserved-words' }).routingKeyPattern, 'primary.reserved-words.*.*.*.*.*.*.*.#');
    await pub.publish(COMPLETED, completedKey(task('reserved-words', { reserved: 'a.b.c' })), completed('reserved-words'));
    await pub.publish(COMPLETED, completedKey(task('by-route')), completed('by-route'), ['index.project.a.b.c', 'notify.email.x@example.com.on-completed']);
    await pub.publish(COMPLETED, completedKey(task('no-route')), completed('no-route'), ['index.other.a']);
    await pub.publish(COMPLETED, completedKey(task('end')), completed('end'), ['index.project.end']);
    await waitFor(() => seen.length === 3, 'three messages');
    await consumer.stop();
    assert.deepEqual(seen, [
      { taskId: 'reserved-words', routingKey: 'primary.reserved-words.0.wg.w.proj.wt.s.g.a.b.c', routes: [] },
      { taskId: 'by-route', routingKey: 'primary.by-route.0.wg.w.proj.wt.s.g._', routes: ['index.project.a.b.c', 'notify.email.x@example.com.on-completed'] },
      { taskId: 'end', routingKey: 'primary.end.0.wg.w.proj.wt.s.g._', routes: ['index.project.end'] },
    ]);
  });

  test('two exchanges on one queue: the handler narrows by exchange', { skip }, async () => {
    const seen: string[] = [];
    const consumer = await consume({ connection: AMQP_URL, queueName: named(), bindings: [taskCompleted(), taskFailed()] }, async (message) => {
      if (message.exchange === COMPLETED) {
        const state: 'completed' = message.payload.status.state;
        seen.push(`completed:${message.payload.status.taskId}:${state}`);
      } else {
        const state: 'failed' = message.payload.status.state;
        seen.push(`failed:${message.payload.status.taskId}:${state}`);
      }
    });
    await pub.publish(COMPLETED, completedKey(task('t1')), completed('t1'));
    await pub.publish(FAILED, completedKey(task('t2')), { ...completed('t2'), status: { taskId: 't2', state: 'failed' } });
    await waitFor(() => seen.length === 2, 'both messages');
    await consumer.stop();
    assert.deepEqual(seen, ['completed:t1:completed', 'failed:t2:failed']);
  });

  test('a handler that fails once gets the message again, redelivered; one that always fails is dropped after maxRedeliveries, reported', { skip }, async () => {
    const calls: Array<{ taskId: string; redelivered: boolean }> = [];
    const dropped: DroppedMessage[] = [];
    const queueName = named();
    const consumer = await consume(
      { connection: AMQP_URL, queueName, bindings: [taskCompleted()], maxRedeliveries: 2, onDropped: (report) => void dropped.push(report) },
      async ({ payload, redelivered }) => {
        const taskId = payload.status.taskId;
        calls.push({ taskId, redelivered });
        if (taskId === 'always-fails' || (taskId === 'fails-once' && !redelivered)) throw new Error(`handler failed for ${taskId}`);
      },
    );
    await pub.publish(COMPLETED, completedKey(task('fails-once')), completed('fails-once'));
    await waitFor(() => calls.filter((c) => c.taskId === 'fails-once').length === 2, 'the redelivery');
    await pub.publish(COMPLETED, completedKey(task('always-fails')), completed('always-fails'));
    await waitFor(() => dropped.length === 1, 'the drop report');
    await consumer.stop();
    assert.deepEqual(calls, [
      { taskId: 'fails-once', redelivered: false },
      { taskId: 'fails-once', redelivered: true },
      { taskId: 'always-fails', redelivered: false },
      { taskId: 'always-fails', redelivered: true },
      { taskId: 'always-fails', redelivered: true },
    ]);
    assert.equal(dropped[0]!.attempts, 3);
    assert.equal(dropped[0]!.exchange, COMPLETED);
    assert.deepEqual(dropped[0]!.payload, completed('always-fails'));
    assert.match(String(dropped[0]!.error), /handler failed for always-fails/);
    // Both settled: nothing left in the queue.
    assert.equal(await pub.messageCount(`queue/guest/${queueName}`), 0);
  });

  test('malformed JSON and an exchange no binding names are reported and acknowledged, never handed to the handler', { skip }, async () => {
    const queueName = named();
    const queue = `queue/guest/${queueName}`;
    // An earlier binding the durable queue kept (as a named Pulse queue does across versions of an application).
    await pub.channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await pub.channel.bindQueue(queue, OTHER, '#');
    const bad: BadMessage[] = [];
    const handled: string[] = [];
    const consumer = await consume({ connection: AMQP_URL, queueName, bindings: [taskCompleted()], onBadMessage: (report) => void bad.push(report) }, async ({ payload }) => {
      handled.push(payload.status.taskId);
    });
    await pub.publishRaw(COMPLETED, completedKey(task('broken')), Buffer.from('{"status": {"taskId": "broken"', 'utf8'));
    await pub.publishRaw(COMPLETED, completedKey(task('latin1')), Buffer.from([0x7b, 0xe9, 0x7d]));
    await pub.publish(OTHER, 'primary.x', { status: { taskId: 'unknown-exchange' } });
    await pub.publish(COMPLETED, completedKey(task('good')), completed('good'));
    await waitFor(() => handled.length === 1 && bad.length === 3, 'the good message and three reports');
    await consumer.stop();
    assert.deepEqual(handled, ['good']);
    assert.deepEqual(
      bad.map(({ reason, exchange, routingKey: key }) => ({ reason, exchange, key })),
      [
        { reason: 'malformed-json', exchange: COMPLETED, key: completedKey(task('broken')) },
        { reason: 'malformed-json', exchange: COMPLETED, key: completedKey(task('latin1')) },
        { reason: 'unknown-exchange', exchange: OTHER, key: 'primary.x' },
      ],
    );
    assert.equal(Buffer.from(bad[0]!.content).toString('utf8'), '{"status": {"taskId": "broken"');
    assert.ok(bad[0]!.error instanceof SyntaxError);
    assert.equal(await pub.messageCount(queue), 0, 'acknowledged: nothing comes back');
  });

  test('stop() waits for running handlers, acknowledges their messages, returns the rest to the queue, then closes', { skip }, async () => {
    const queueName = named();
    const queue = `queue/guest/${queueName}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const finished: string[] = [];
    const consumer = await consume({ connection: AMQP_URL, queueName, prefetch: 2, bindings: [taskCompleted()] }, async ({ payload }) => {
      started.push(payload.status.taskId);
      await gate;
      finished.push(payload.status.taskId);
    });
    await pub.publishMany(['s1', 's2', 's3', 's4'].map((id) => ({ exchange: COMPLETED, routingKey: completedKey(task(id)), message: completed(id) })));
    await waitFor(() => started.length === 2, 'two running handlers');
    let stopped = false;
    const stopping = consumer.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stopped, false, 'stop() must wait for the running handlers');
    release();
    await stopping;
    assert.deepEqual(finished, ['s1', 's2']);
    assert.deepEqual(started, ['s1', 's2'], 'no handler starts once stop() is called');
    // The two handled are acknowledged; the two never handled wait in the durable queue.
    assert.equal(await pub.messageCount(queue), 2);
    const rest: string[] = [];
    const again = await consume({ connection: AMQP_URL, queueName, bindings: [taskCompleted()] }, async ({ payload }) => void rest.push(payload.status.taskId));
    await waitFor(() => rest.length === 2, 'the two returned messages');
    await again.stop();
    assert.deepEqual(rest.sort(), ['s3', 's4']);
  });

  test('a handler may await stop(): it resolves once the other handlers are done, and the close follows the handler', { skip }, async () => {
    const queueName = named();
    const queue = `queue/guest/${queueName}`;
    const log: string[] = [];
    let consumer!: Awaited<ReturnType<typeof consume>>;
    let handlerDone!: () => void;
    const done = new Promise<void>((resolve) => (handlerDone = resolve));
    consumer = await consume({ connection: AMQP_URL, queueName, prefetch: 2, bindings: [taskCompleted()] }, async ({ payload }) => {
      const id = payload.status.taskId;
      log.push(`start ${id}`);
      if (id === 'slow') {
        await new Promise((resolve) => setTimeout(resolve, 300));
      } else {
        await waitFor(() => log.includes('start slow'), 'the other handler running');
        // Waiting here for the whole stop would wait for this very handler: it never returned.
        await consumer.stop();
        log.push('stopped inside');
        handlerDone();
      }
      log.push(`end ${id}`);
    });
    await pub.publishMany(['stopper', 'slow', 'later'].map((id) => ({ exchange: COMPLETED, routingKey: completedKey(task(id)), message: completed(id) })));
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('await stop() in a handler never resolved')), 5000))]);
    await consumer.stop();
    assert.deepEqual(log, ['start stopper', 'start slow', 'end slow', 'stopped inside', 'end stopper']);
    // Both handled messages were acknowledged before the close; the third waits in the queue.
    assert.equal(await pub.messageCount(queue), 1);
  });

  test('two handlers awaiting stop() at once both resolve (neither waits for the other), then the close', { skip }, async () => {
    const queueName = named();
    const log: string[] = [];
    let consumer!: Awaited<ReturnType<typeof consume>>;
    consumer = await consume({ connection: AMQP_URL, queueName, prefetch: 5, bindings: [taskCompleted()] }, async ({ payload }) => {
      const id = payload.status.taskId;
      log.push(`start ${id}`);
      await waitFor(() => log.includes('start a') && log.includes('start b'), 'both handlers running');
      await consumer.stop();
      log.push(`stopped in ${id}`);
    });
    await pub.publishMany(['a', 'b'].map((id) => ({ exchange: COMPLETED, routingKey: completedKey(task(id)), message: completed(id) })));
    await waitFor(() => log.includes('start a') && log.includes('start b'), 'both handlers running');
    await Promise.race([consumer.stop(), new Promise((_, reject) => setTimeout(() => reject(new Error('two handlers awaiting stop() hung')), 10_000))]);
    assert.deepEqual(log.slice(2).sort(), ['stopped in a', 'stopped in b']);
  });

  test('a queue deleted under the consumer is declared and bound again on a new connection', { skip }, async () => {
    const queueName = named();
    const seen: string[] = [];
    let reconnected = 0;
    const consumer = await consume(
      { connection: AMQP_URL, queueName, bindings: [taskCompleted()], reconnectDelay: 50, onReconnected: () => void reconnected++ },
      async ({ payload }) => void seen.push(payload.status.taskId),
    );
    await pub.publish(COMPLETED, completedKey(task('before')), completed('before'));
    await waitFor(() => seen.length === 1, 'the first message');
    await pub.deleteQueue(`queue/guest/${queueName}`);
    await waitFor(() => reconnected === 1, 'the reconnection');
    await pub.publish(COMPLETED, completedKey(task('after')), completed('after'));
    await waitFor(() => seen.length === 2, 'a message through the new binding');
    await consumer.stop();
    assert.deepEqual(seen, ['before', 'after']);
  });

  // Restarts only the private node this file started; an external broker (TCGEN_TEST_AMQP_URL) is never restarted.
  const restartSkip = skip || (typeof broker !== 'string' && !broker.restart ? 'restarting a broker needs the private node this file starts: unset TCGEN_TEST_AMQP_URL' : false);
  test('a broker restart in the middle of 1,000 messages on a named queue: none lost, repeats only as redeliveries', { skip: restartSkip, timeout: 180_000 }, async () => {
    const queueName = named();
    const total = 1000;
    const deliveries = new Map<number, boolean[]>();
    const connectionErrors: unknown[] = [];
    let reconnected = 0;
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    // Declared (and bound) first, so that every message published lands in it.
    const first = await consume({ connection: AMQP_URL, queueName, bindings: [taskCompleted()] }, async () => {});
    await first.stop();
    await pub.publishMany(
      Array.from({ length: total }, (_, i) => ({ exchange: COMPLETED, routingKey: completedKey(task(`n${i}`)), message: { ...completed(`n${i}`), runId: i } })),
    );
    const consumer = await consume(
      {
        connection: AMQP_URL,
        queueName,
        prefetch: 10,
        bindings: [taskCompleted()],
        reconnectDelay: 200,
        maxReconnectDelay: 1000,
        onConnectionError: (error) => void connectionErrors.push(error),
        onReconnected: () => void reconnected++,
      },
      async ({ payload, redelivered }) => {
        deliveries.set(payload.runId, [...(deliveries.get(payload.runId) ?? []), redelivered]);
        // From the 200th message on, handlers wait for the restart: it lands mid-stream, with handlers running.
        if (deliveries.size >= 200) await resumed;
      },
    );
    await waitFor(() => deliveries.size >= 200, '200 messages handled');
    const before = deliveries.size;
    await pub.close().catch(() => {});
    await (broker as Broker).restart!();
    resume();
    // The test's own publisher connection went with the restart too.
    pub = await publisher(AMQP_URL, [COMPLETED, FAILED, OTHER]);
    await waitFor(() => deliveries.size === total, `all ${total} messages`, 120_000);
    await consumer.stop();
    assert.ok(before < total, `the restart came mid-stream (${before} handled before it)`);
    assert.ok(reconnected >= 1 && connectionErrors.length >= 1, `reconnected ${reconnected} times after ${connectionErrors.length} connection errors`);
    const repeated = [...deliveries.values()].filter((flags) => flags.length > 1).length;
    assert.ok(repeated >= 1, 'the messages whose handlers ran through the restart came again');
    for (const [runId, flags] of deliveries) {
      // Handled once; any further delivery is flagged as a redelivery by the broker.
      assert.ok(flags.slice(1).every(Boolean), `message ${runId}: deliveries ${JSON.stringify(flags)}`);
    }
    assert.equal(deliveries.size, total);
    assert.equal(await pub.messageCount(`queue/guest/${queueName}`), 0);
  });
});
