// The types of Pulse consumption (pulse.ts): options, messages as the handler sees them, the
// consumer. No amqplib type appears here, so that applications compile without amqplib's types.
import type { Binding } from './types.js';

/**
 * Pulse credentials and where to use them (Taskcluster's `pulseCredentials`: amqps, port 5671,
 * vhost `/`). Every string reaches the broker exactly as given (UTF-8), reserved and non-ASCII
 * characters included.
 */
export interface PulseCredentials {
  username: string;
  password: string;
  /** e.g. `pulse.mozilla.org`. */
  hostname: string;
  /** Default `/`. */
  vhost?: string | undefined;
  /** TLS (default true); false: plain AMQP. */
  amqps?: boolean | undefined;
  /** Default 5671 with TLS, 5672 without. */
  port?: number | undefined;
}

/** What `consume` needs of a binding: the generated events methods return these (`QueueEvents.taskCompleted()`). */
export type BindingLike = Pick<Binding, 'exchange' | 'routingKeyPattern'>;

/**
 * One message as the handler sees it: for a union of bindings, a union discriminated by
 * `exchange`, so that checking `exchange` narrows `payload` to that exchange's message type.
 */
export type PulseMessage<B extends BindingLike> = B extends { exchange: infer Exchange extends string }
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
  /**
   * Pulse credentials and a hostname, or an `amqp://` or `amqps://` URL (user, password and vhost
   * percent-encoded as UTF-8, as encodeURIComponent writes them). Either way amqplib gets a
   * connection object, so the broker receives exactly these strings.
   */
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
  onConnectionError?: ((error: unknown, retry: { attempt: number; delay: number }) => void) | undefined;
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
