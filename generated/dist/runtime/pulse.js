// Pulse (Taskcluster's RabbitMQ, AMQP 0-9-1) consumption over amqplib. Node only: the package
// exports this module from its own subpath (`<package>/pulse`) and never from the main entry,
// so that browser bundles do not see amqplib. The types live in pulse-types.ts, the connection
// (credentials, URL) in pulse-connection.ts, the consumer itself in pulse-consumer.ts.
import { PulseConsumer } from './pulse-consumer.js';
export { pulseUrl, amqpConnection } from './pulse-connection.js';
export async function consume(options, handler) {
  const consumer = new PulseConsumer(options, handler);
  await consumer.start();
  return consumer;
}
