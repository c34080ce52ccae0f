// Pulse (Taskcluster's RabbitMQ, AMQP 0-9-1) consumption over amqplib. Node only: the package
// exports this module from its own subpath (`<package>/pulse`) and never from the main entry,
// so that browser bundles do not see amqplib. The types live in pulse-types.ts, the connection
// (credentials, URL) in pulse-connection.ts, the consumer itself in pulse-consumer.ts.
import { PulseConsumer } from './pulse-consumer.js';
import type { BindingLike, ConsumeOptions, Consumer, PulseMessage } from './pulse-types.js';

export type { BadMessage, BindingLike, ConsumeOptions, Consumer, DroppedMessage, PulseCredentials, PulseMessage } from './pulse-types.js';
export { pulseUrl, amqpConnection, type AmqpConnection } from './pulse-connection.js';

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
export async function consume<const B extends BindingLike>(options: ConsumeOptions<B>, handler: (message: PulseMessage<B>) => void | Promise<void>): Promise<Consumer>;
/**
 * As above. TypeScript falls back to this signature for a list the `const` one refuses: a hand-made
 * binding whose pattern is a template literal (`routingKeyPattern: \`route.${project}.#\``) beside
 * another binding. A hand-made binding's `exchange` then types as `string` unless it already has a
 * literal type (`events.taskCompleted().exchange` has).
 */
export async function consume<B extends BindingLike>(options: ConsumeOptions<B>, handler: (message: PulseMessage<B>) => void | Promise<void>): Promise<Consumer>;
export async function consume<B extends BindingLike>(options: ConsumeOptions<B>, handler: (message: PulseMessage<B>) => void | Promise<void>): Promise<Consumer> {
  const consumer = new PulseConsumer(options, handler);
  await consumer.start();
  return consumer;
}
