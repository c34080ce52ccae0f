import type { Binding } from './types.js';
/** Pulse credentials and where to use them; becomes `amqps://username:password@hostname:5671/vhost`. */
export interface PulseCredentials {
  username: string;
  password: string;
  /** e.g. `pulse.mozilla.org`. */
  hostname: string;
  /** Default `/`. */
  vhost?: string | undefined;
  /** TLS on port 5671 (default true); false: plain AMQP on port 5672. */
  amqps?: boolean | undefined;
}
/** What `consume` needs of a binding: the generated events methods return these (`QueueEvents.taskCompleted()`). */
export type BindingLike = Pick<Binding, 'exchange' | 'routingKeyPattern'>;
/**
 * One message as the handler sees it: for a union of bindings, a union discriminated by
 * `exchange`, so that checking `exchange` narrows `payload` to that exchange's message type.
 */
export type PulseMessage<B extends BindingLike> = B extends {
  exchange: infer Exchange extends string;
}
  ? {
      /** The exchange the message was published on (a binding's `exchange`). */
      exchange: Exchange;
      /** The message's primary routing key. */
      routingKey: string;
      /** The broker delivered it before (to this or another consumer) without an acknowledgement. */
      redelivered: boolean;
      /** The CC routes, without their `route.` prefix (the task's `routes` for queue messages). */
      routes: string[];
      /** The message body, parsed JSON; typed by the binding, not validated. */
      payload: B extends Binding<infer Message, string> ? Message : unknown;
    }
  : never;
/** A message the handler failed on too often, rejected without requeueing. */
export interface DroppedMessage {
  exchange: string;
  routingKey: string;
  routes: string[];
  payload: unknown;
  /** Handler failures, this one included (1 + maxRedeliveries). */
  attempts: number;
  /** What the handler's last attempt threw or rejected with. */
  error: unknown;
}
/** A message that never reached the handler, acknowledged so that it does not come back. */
export interface BadMessage {
  /** `malformed-json`: the body is not UTF-8 JSON; `unknown-exchange`: no binding names its exchange. */
  reason: 'malformed-json' | 'unknown-exchange';
  exchange: string;
  routingKey: string;
  /** The raw body. */
  content: Uint8Array;
  /** The JSON parse error, for `malformed-json`. */
  error?: unknown;
}
export interface ConsumeOptions<B extends BindingLike> {
  /** An `amqp://` or `amqps://` URL (user and password in it), or Pulse credentials and a hostname. */
  connection: string | PulseCredentials;
  /** Declared on the queue (exchange, routingKeyPattern) on every (re)connection; exchanges are never declared. */
  bindings: readonly B[];
  /**
   * A named queue, `queue/<username>/<queueName>`: durable (a quorum queue, as Taskcluster's
   * consumers declare), it keeps messages while no one consumes. Without a name: an exclusive,
   * auto-deleted queue with a fresh name per connection, whose messages are lost on a disconnection.
   */
  queueName?: string | undefined;
  /** Unacknowledged messages at a time, i.e. handlers running at once (default 5). */
  prefetch?: number | undefined;
  /** Redeliveries after a handler failure before the message is dropped (default 5; 0: drop on the first failure). */
  maxRedeliveries?: number | undefined;
  /** First reconnection delay in ms (default 500); it doubles per failed attempt, randomized by ±25%. */
  reconnectDelay?: number | undefined;
  /** Longest reconnection delay in ms (default 30 000). */
  maxReconnectDelay?: number | undefined;
  /** Called when a message is dropped (default: a line on stderr). */
  onDropped?: ((message: DroppedMessage) => void) | undefined;
  /** Called for a malformed message or one from an exchange not in `bindings` (default: a line on stderr). */
  onBadMessage?: ((message: BadMessage) => void) | undefined;
  /** Called when the connection is lost or a reconnection fails, before the next attempt, `delay` ms later. */
  onConnectionError?:
    | ((
        error: unknown,
        retry: {
          attempt: number;
          delay: number;
        },
      ) => void)
    | undefined;
  /** Called after each successful reconnection (not the first connection). Messages of a named queue were kept meanwhile. */
  onReconnected?: (() => void) | undefined;
}
export interface Consumer {
  /** The full queue name, e.g. `queue/<username>/<queueName>` (for an unnamed queue, the current connection's). */
  readonly queueName: string;
  /**
   * Stops taking messages, waits for running handlers (and their acknowledgements), then closes
   * the channel and connection. Called from a handler, it resolves once the other handlers are
   * done, so that the handler may await it; the close follows when that handler returns.
   */
  stop(): Promise<void>;
}
/** `amqp(s)://…` for Pulse credentials, as Taskcluster's `pulseCredentials` builds it (frameMax=0: no client-side frame limit). */
export declare function pulseUrl(credentials: PulseCredentials): string;
/**
 * Consumes Pulse messages from a queue bound to `options.bindings`, calling `handler` for each,
 * at most `prefetch` at a time. Resolves once the queue is declared and bound and consuming
 * has started; rejects when that first connection fails (bad URL or credentials, a binding to
 * an exchange that does not exist, an existing queue of another type).
 *
 * A message is acknowledged after `handler` resolves. When it throws or rejects, the message
 * is requeued; after `maxRedeliveries` redeliveries it is rejected without requeueing and
 * reported to `onDropped`. A body that is not JSON, or one from an exchange no binding names
 * (a named queue keeps earlier bindings), is reported to `onBadMessage` and acknowledged.
 * When the connection is lost, it reconnects with exponential backoff and declares the
 * queue and bindings again; unacknowledged messages are redelivered (`redelivered: true`).
 *
 * @example
 * const consumer = await consume(
 *   { connection: process.env.PULSE_URL!, queueName: 'builds', bindings: [new QueueEvents().taskCompleted({ provisionerId: 'proj' })] },
 *   async ({ exchange, payload }) => console.log(exchange, payload.status.taskId),
 * );
 * await consumer.stop();
 */
export declare function consume<const B extends BindingLike>(
  options: ConsumeOptions<B>,
  handler: (message: PulseMessage<B>) => void | Promise<void>,
): Promise<Consumer>;
