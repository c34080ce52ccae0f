// Pulse credentials arrive as given. A user whose name is non-ASCII (`équipe-ci`), whose password
// holds reserved characters, a literal `%41`, `+` and non-ASCII text, on a vhost containing `/`,
// `%` and non-ASCII text, is created on this file's private RabbitMQ node (broker.ts) with
// rabbitmqctl; consume() logs in as that user, from Pulse credentials and from a URL, and the
// broker's own list of connections shows the exact name and vhost. amqplib given the URL itself
// (its legacy unescape(): `Ã©quipe-ci`) is refused, which is what this guards against.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import amqplib from 'amqplib';
import { amqpConnection, consume, pulseUrl } from '../../templates/runtime/pulse.ts';
import { startBroker, waitFor } from './broker.ts';

const USERNAME = 'équipe-ci';
const PASSWORD = 'p@ss:w/rd?#[]&=%41+ é';
const VHOST = 'ci/équipe%x';
const EXCHANGE = 'exchange/tcgen-test/v1/credentials';

test('amqplib gets a connection object: credentials and vhost as given, from Pulse credentials and from a URL', () => {
  const fromCredentials = amqpConnection({ username: USERNAME, password: PASSWORD, hostname: 'pulse.example.com', vhost: VHOST });
  assert.deepEqual(fromCredentials, { protocol: 'amqps', hostname: 'pulse.example.com', port: 5671, username: USERNAME, password: PASSWORD, vhost: encodeURIComponent(VHOST), frameMax: 0 });
  // amqplib unescapes the vhost once (querystring.unescape): what reaches the broker is the vhost given.
  assert.equal(decodeURIComponent(fromCredentials.vhost), VHOST);
  const url = pulseUrl({ username: USERNAME, password: PASSWORD, hostname: '127.0.0.1', vhost: VHOST, amqps: false, port: 5999 });
  assert.equal(url, `amqp://${encodeURIComponent(USERNAME)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:5999/${encodeURIComponent(VHOST)}?frameMax=0`);
  assert.deepEqual(amqpConnection(url), { protocol: 'amqp', hostname: '127.0.0.1', port: 5999, username: USERNAME, password: PASSWORD, vhost: encodeURIComponent(VHOST), frameMax: 0 });
  // A URL without user info logs in as guest (amqplib's default); the default vhost is `/`.
  assert.deepEqual(amqpConnection('amqps://pulse.example.com?heartbeat=30'), { protocol: 'amqps', hostname: 'pulse.example.com', port: 5671, username: 'guest', password: 'guest', vhost: '%2F', frameMax: 0, heartbeat: 30 });
  assert.throws(() => amqpConnection('amqp://%E9quipe:p@host/'), /connection URL: the user name is not valid percent-encoded UTF-8/);
  assert.throws(() => amqpConnection({ username: 'u', password: 'p', hostname: 'h', port: 70_000 }), /connection.port must be an integer from 1 to 65535/);
});

const broker = await startBroker();
const skip = typeof broker === 'string' ? broker : !broker.ctl ? 'adding a user needs the private node this file starts: unset TCGEN_TEST_AMQP_URL' : false;
if (skip) console.log(`# ${skip}`);
after(async () => {
  if (typeof broker !== 'string') await broker.stop();
});

test('a user with a non-ASCII name, a password with reserved characters and a vhost with `/` log in through consume() on a real broker', { skip, timeout: 120_000 }, async () => {
  if (typeof broker === 'string' || !broker.ctl) return;
  const ctl = broker.ctl;
  await ctl(['add_vhost', VHOST]);
  await ctl(['add_user', USERNAME, PASSWORD]);
  await ctl(['set_permissions', '-p', VHOST, USERNAME, '.*', '.*', '.*']);
  const port = Number(new URL(broker.url).port);
  const credentials = { username: USERNAME, password: PASSWORD, hostname: '127.0.0.1', port, vhost: VHOST, amqps: false };

  // What this guards against: amqplib handed the URL decodes the user name as Latin-1, and the broker refuses the login.
  await assert.rejects(amqplib.connect(pulseUrl(credentials)), /ACCESS_REFUSED|403/);

  const publisherConnection = await amqplib.connect(amqpConnection(credentials));
  const channel = await publisherConnection.createConfirmChannel();
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  for (const connection of [credentials, pulseUrl(credentials)]) {
    const seen: unknown[] = [];
    const consumer = await consume({ connection, bindings: [{ exchange: EXCHANGE, routingKeyPattern: '#' }] }, async ({ payload }) => void seen.push(payload));
    assert.match(consumer.queueName, /^queue\/équipe-ci\/[A-Za-z0-9_-]{22}$/);
    // The broker's view: the connection's user and vhost, byte for byte.
    const connections = await ctl(['list_connections', 'user', 'vhost', '--no-table-headers', '--silent']);
    assert.ok(connections.split('\n').some((line) => line === `${USERNAME}\t${VHOST}`), `rabbitmqctl list_connections:\n${connections}`);
    channel.publish(EXCHANGE, 'a.b', Buffer.from(JSON.stringify({ from: typeof connection })), { persistent: true });
    await channel.waitForConfirms();
    await waitFor(() => seen.length === 1, 'the message');
    assert.deepEqual(seen, [{ from: typeof connection }]);
    await consumer.stop();
  }
  await publisherConnection.close();
});
