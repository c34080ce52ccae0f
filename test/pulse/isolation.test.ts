// Broker isolation (broker.ts): a test's restart and stop reach only the private node it started.
// Two private nodes run side by side; B stands for a broker someone else runs. Restarting A closes
// A's connections and leaves B's open and working; stopping A frees A's port and directory while B
// still answers. (The old restartBroker() ran `rabbitmqctl stop_app` on whatever node answered by
// default, which is how `npm test` restarted a developer's own broker.)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { after, test } from 'node:test';
import amqplib from 'amqplib';
import { startBroker, type Broker } from './broker.ts';

// Started side by side (each picks its own free ports, name and directory).
const [a, b] = await Promise.all([startBroker(), startBroker()]);
const skip = typeof a === 'string' ? a : typeof b === 'string' ? b : !a.restart ? 'restarting needs private nodes: unset TCGEN_TEST_AMQP_URL' : false;
if (skip) console.log(`# ${skip}`);
after(async () => {
  for (const broker of [a, b]) if (typeof broker !== 'string') await broker.stop();
});

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

test("restarting and stopping one private node leaves another broker's connections alone", { skip, timeout: 180_000 }, async () => {
  const [nodeA, nodeB] = [a as Broker, b as Broker];
  assert.notEqual(nodeA.url, nodeB.url, 'each node has its own port');
  const atA = await amqplib.connect(nodeA.url);
  const atB = await amqplib.connect(nodeB.url);
  let closedA = false;
  let closedB = false;
  atA.on('close', () => (closedA = true)).on('error', () => {});
  atB.on('close', () => (closedB = true)).on('error', () => {});
  const channelB = await atB.createChannel();
  await channelB.assertQueue('bystander', { durable: false });

  await nodeA.restart!();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(closedA, true, "the restarted node closed its connection");
  assert.equal(closedB, false, "the other broker's connection stayed open");
  channelB.sendToQueue('bystander', Buffer.from('still here'));
  const message = await channelB.get('bystander');
  assert.equal(message && message.content.toString(), 'still here');
  // The restarted node takes connections again.
  await (await amqplib.connect(nodeA.url)).close();

  const dirA = (await nodeA.ctl!(['eval', 'rabbit_mnesia:dir().'])).trim().replace(/^"|"$/g, '');
  await nodeA.stop();
  assert.equal(await listening(nodeA.url), false, 'the stopped node no longer listens');
  assert.equal(existsSync(dirA), false, `its data directory is gone (${dirA})`);
  assert.equal(await listening(nodeB.url), true, 'the other broker still listens');
  assert.equal(closedB, false);
  await atB.close();
});
