// The consumer behind pulse.ts's consume(): amqplib's connection recovery, the queue and its
// bindings declared on each connection, acknowledgements after the handler, redelivery counting
// and dropping. Conventions follow Taskcluster's own consumer (taskcluster/taskcluster
// libraries/pulse, src/consumer.js): queue names, the quorum type of named queues, CC routes,
// prefetch 5.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import amqplib from 'amqplib';
import { slugid } from './credentials.js';
import { amqpConnection } from './pulse-connection.js';
/** How long failure counts of messages are remembered: the most recent ones, this many. */
const REMEMBERED_FAILURES = 10_000;
/** The CC routes of a message: its `CC` header's `route.`-prefixed keys, prefix removed (Taskcluster's consumer). */
function ccRoutes(headers) {
  const cc = headers?.['CC'];
  if (!Array.isArray(cc)) return [];
  return cc.flatMap((key) => {
    const text = Buffer.isBuffer(key) ? key.toString('utf8') : key;
    return typeof text === 'string' && text.startsWith('route.') ? [text.slice('route.'.length)] : [];
  });
}
function positiveInteger(value, fallback, name, minimum = 1) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < minimum) throw new TypeError(`${name} must be an integer >= ${minimum}`);
  return value;
}
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
export class PulseConsumer {
  #connection;
  #bindings;
  #exchanges;
  #handler;
  #options;
  #prefetch;
  #maxRedeliveries;
  #reconnectDelay;
  #maxReconnectDelay;
  /** Handler failures per message (exchange, routing key, body hash), oldest first. */
  #failures = new Map();
  #running = new Set();
  /** The running handler (its entry of #running) in whose async context code runs, for a stop() from a handler. */
  #currentHandler = new AsyncLocalStorage();
  /** Resolves once the consumer is cancelled and no handler but the caller's runs (see stop()). */
  #quiesced;
  #queueName;
  #recovering;
  #channel;
  #consumerTag;
  #stopping;
  /** Handlers awaiting stop() (see #othersDone), and the waits to wake when one more starts to. */
  #waitingInStop = new Set();
  #onStopWaiter = new Set();
  constructor(options, handler) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    const { connection, bindings, queueName } = options;
    this.#connection = amqpConnection(connection);
    if (!Array.isArray(bindings) || bindings.length === 0) throw new TypeError('bindings must be a non-empty array');
    for (const binding of bindings) {
      if (
        typeof binding?.exchange !== 'string' ||
        binding.exchange === '' ||
        typeof binding.routingKeyPattern !== 'string'
      ) {
        throw new TypeError("each binding needs an exchange and a routingKeyPattern (use the events classes' methods)");
      }
    }
    if (queueName !== undefined && (typeof queueName !== 'string' || queueName === ''))
      throw new TypeError('queueName must be a non-empty string');
    this.#bindings = bindings;
    this.#exchanges = new Set(bindings.map((binding) => binding.exchange));
    this.#handler = handler;
    this.#options = options;
    this.#prefetch = positiveInteger(options.prefetch, 5, 'prefetch');
    this.#maxRedeliveries = positiveInteger(options.maxRedeliveries, 5, 'maxRedeliveries', 0);
    this.#reconnectDelay = positiveInteger(options.reconnectDelay, 500, 'reconnectDelay');
    this.#maxReconnectDelay = positiveInteger(options.maxReconnectDelay, 30_000, 'maxReconnectDelay');
    this.#queueName = this.#newQueueName();
  }
  get queueName() {
    return this.#queueName;
  }
  #newQueueName() {
    // An unnamed queue gets a fresh name per connection: the broker may not have deleted the last one yet.
    return `queue/${this.#connection.username}/${this.#options.queueName ?? slugid()}`;
  }
  /**
   * Connects through amqplib's connection recovery, which reconnects with exponential backoff
   * and runs #setup on every new connection. The first connection is not retried: its failure
   * (and #setup's) rejects.
   */
  async start() {
    const recovering = await amqplib.connect(this.#connection, {
      recovery: {
        initialDelay: this.#reconnectDelay,
        maxDelay: this.#maxReconnectDelay,
        jitter: 0.25,
        initialMaxRetries: 0,
        waitForConnect: false,
        setup: (model) => this.#setup(model),
      },
    });
    this.#recovering = recovering;
    // Connection errors are followed by a disconnection, which recovery handles; unheard, they would be thrown.
    recovering.on('error', () => {});
    let connected = false;
    recovering.on('disconnect', () => {
      this.#channel = undefined;
      this.#consumerTag = undefined;
    });
    recovering.on('reconnect-scheduled', ({ attempt, delay, error }) => {
      if (connected && !this.#stopping)
        report('onConnectionError', () => this.#options.onConnectionError?.(error, { attempt, delay }));
    });
    recovering.on('connect', () => {
      if (connected && !this.#stopping) report('onReconnected', () => this.#options.onReconnected?.());
      connected = true;
    });
    await recovering.waitForConnect();
  }
  /** On each connection: a channel with the prefetch, the queue and its bindings declared, consuming started. */
  async #setup(model) {
    if (this.#stopping) throw new Error('consumer stopping');
    const channel = await model.createChannel();
    channel.on('error', () => {});
    // A channel closed by the broker (e.g. its exchange deleted) leaves the connection open: closing it makes recovery redeclare all.
    channel.on('close', () => {
      if (this.#channel === channel && !this.#stopping) void model.close().catch(() => {});
    });
    await channel.prefetch(this.#prefetch);
    const named = this.#options.queueName !== undefined;
    const queueName = named ? this.#queueName : this.#newQueueName();
    await channel.assertQueue(
      queueName,
      named
        ? { durable: true, exclusive: false, autoDelete: false, arguments: { 'x-queue-type': 'quorum' } }
        : { durable: false, exclusive: true, autoDelete: true },
    );
    for (const { exchange, routingKeyPattern } of this.#bindings)
      await channel.bindQueue(queueName, exchange, routingKeyPattern);
    this.#queueName = queueName;
    this.#channel = channel;
    const { consumerTag } = await channel.consume(queueName, (message) => this.#receive(model, channel, message), {
      noAck: false,
    });
    this.#consumerTag = consumerTag;
  }
  #receive(model, channel, message) {
    if (message === null) {
      // The broker cancelled the consumer (the queue was deleted): reconnecting declares it again.
      if (!this.#stopping) void model.close().catch(() => {});
      return;
    }
    if (this.#stopping) {
      // Arrived between stop() and the cancellation: back to the queue, unhandled.
      settle(channel, () => channel.nack(message, false, true));
      return;
    }
    // #handle catches the handler's failures itself; nothing it does may become an unhandled rejection.
    let handled;
    const running = new Promise((resolve) => (handled = resolve));
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running));
    this.#currentHandler.run(running, () => {
      void this.#handle(channel, message)
        .catch((error) => console.error(`pulse: ${describe(error)}`))
        .finally(handled);
    });
  }
  async #handle(channel, message) {
    const { exchange, routingKey, redelivered } = message.fields;
    if (!this.#exchanges.has(exchange)) {
      this.#reportBad({ reason: 'unknown-exchange', exchange, routingKey, content: message.content });
      settle(channel, () => channel.ack(message));
      return;
    }
    let payload;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(message.content));
    } catch (error) {
      this.#reportBad({ reason: 'malformed-json', exchange, routingKey, content: message.content, error });
      settle(channel, () => channel.ack(message));
      return;
    }
    const routes = ccRoutes(message.properties.headers);
    try {
      await this.#handler({ exchange, routingKey, redelivered, routes, payload });
    } catch (error) {
      const key = `${exchange}\n${routingKey}\n${createHash('sha256').update(message.content).digest('base64')}`;
      // Quorum queues count returns in x-delivery-count; an exclusive classic queue has only our own count.
      const counted = Number(message.properties.headers?.['x-delivery-count'] ?? 0);
      const attempts = Math.max(this.#failures.get(key) ?? 0, Number.isFinite(counted) ? counted : 0) + 1;
      this.#failures.delete(key);
      if (attempts > this.#maxRedeliveries) {
        if (settle(channel, () => channel.nack(message, false, false)))
          this.#reportDropped({ exchange, routingKey, routes, payload, attempts, error });
      } else {
        this.#failures.set(key, attempts);
        if (this.#failures.size > REMEMBERED_FAILURES) this.#failures.delete(this.#failures.keys().next().value);
        settle(channel, () => channel.nack(message, false, true));
      }
      return;
    }
    settle(channel, () => channel.ack(message));
  }
  #reportBad(bad) {
    const { onBadMessage } = this.#options;
    if (onBadMessage) report('onBadMessage', () => onBadMessage(bad));
    else
      console.error(
        `pulse: acknowledged a message that cannot be handled (${bad.reason}) from ${bad.exchange} with routing key ${bad.routingKey}`,
      );
  }
  #reportDropped(dropped) {
    const { onDropped } = this.#options;
    if (onDropped) report('onDropped', () => onDropped(dropped));
    else
      console.error(
        `pulse: dropped a message from ${dropped.exchange} with routing key ${dropped.routingKey} after ${dropped.attempts} failed attempts: ${describe(dropped.error)}`,
      );
  }
  stop() {
    const channel = this.#channel;
    const consumerTag = this.#consumerTag;
    this.#quiesced ??= (async () => {
      if (channel && consumerTag !== undefined) await channel.cancel(consumerTag).catch(() => {});
    })();
    this.#stopping ??= this.#stop(channel);
    // A handler awaiting the full stop would wait for itself: it gets the point where only it runs.
    const own = this.#currentHandler.getStore();
    if (own !== undefined && this.#running.has(own)) {
      const waiting = this.#othersDone(own);
      for (const wake of this.#onStopWaiter) wake();
      this.#onStopWaiter.clear();
      return waiting;
    }
    return this.#stopping;
  }
  async #othersDone(own) {
    // Handlers that are themselves waiting here are not waited for: two handlers awaiting stop()
    // would otherwise wait for each other for ever.
    this.#waitingInStop.add(own);
    await this.#quiesced;
    // Handlers may have started during the cancellation: wait until none but `own` (and others waiting here) runs.
    const others = () => [...this.#running].filter((p) => p !== own && !this.#waitingInStop.has(p));
    for (let running = others(); running.length > 0; running = others()) {
      await Promise.race([Promise.allSettled(running), this.#stopWaiterAdded()]);
    }
  }
  /** Resolves when another handler starts waiting in stop(), so that a wait for it ends. */
  #stopWaiterAdded() {
    return new Promise((resolve) => this.#onStopWaiter.add(resolve));
  }
  async #stop(channel) {
    await this.#quiesced;
    // Handlers may have started during the cancellation: wait until none runs.
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
    this.#channel = undefined;
    if (channel) await channel.close().catch(() => {});
    // Also ends recovery: no reconnection after this.
    await this.#recovering?.close().catch(() => {});
  }
}
/** Runs one of the application's callbacks: what it throws must not stop acknowledgements or recovery, so it is printed. */
function report(name, callback) {
  try {
    callback();
  } catch (error) {
    console.error(`pulse: the ${name} callback threw: ${describe(error)}`);
  }
}
/** Runs an ack or nack on `channel`; false when the channel has gone (the broker then redelivers the message). */
function settle(channel, operation) {
  try {
    operation();
    return true;
  } catch {
    return false;
  }
}
