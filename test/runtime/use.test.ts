// client.use(optionsUpdates), the traceId option and taskclusterPerRequestInstance, compared
// with the official client (taskcluster-client 87.1.3) on the same recording, Hawk-verifying server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MockAgent } from 'undici';
import { closeClient, createTemporaryCredentials, fakeClient } from '../../templates/runtime/index.ts';
import { officialClient } from '../corpus/helpers.ts';
import { CREDS, PurgeCache, USERS, decodeExt, json, startServer, type TestServer } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startServer((_r, res) => json(res, 200, { requests: [] }));
});
after(() => server.close());

const last = () => server.requests.at(-1)!;

test('traceId is sent as x-taskcluster-trace-id on every call, as the official client sends it', async () => {
  const { tc } = await officialClient();
  const ours = new PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, traceId: 'trace-1' });
  const theirs = new tc.PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, traceId: 'trace-1' });
  try {
    for (const client of [ours, theirs]) {
      await client.purgeRequests('pool/a', { since: '2024-01-01' });
      assert.equal(last().headers['x-taskcluster-trace-id'], 'trace-1');
      assert.equal(last().auth?.ok, true);
      await client.ping();
      assert.equal(last().headers['x-taskcluster-trace-id'], 'trace-1');
    }
    const plain = new PurgeCache({ rootUrl: server.rootUrl });
    await plain.ping();
    assert.equal(last().headers['x-taskcluster-trace-id'], undefined, 'no traceId, no header');
    await closeClient(plain);
    assert.throws(() => new PurgeCache({ rootUrl: server.rootUrl, traceId: 'a\r\nx-evil: 1' }), /traceId must be a string without line breaks/);
  } finally {
    await closeClient(ours);
  }
});

test('use() returns a new client of the same class with the options merged; the original is unchanged', async () => {
  const { tc } = await officialClient();
  const original = new PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, authorizedScopes: ['a:*'], retries: 0 });
  const temporary = createTemporaryCredentials({ credentials: { clientId: 'issuer', accessToken: USERS.issuer! }, start: new Date(Date.now() - 60_000), expiry: new Date(Date.now() + 3_600_000), scopes: ['b:1'] });
  try {
    const derived = original.use({ credentials: temporary, traceId: 't-2' });
    assert.ok(derived instanceof PurgeCache);
    assert.notEqual(derived, original);
    // @ts-expect-error use() takes client options only
    assert.throws(() => original.use({ rootUrl: 5 }));

    await derived.ping();
    const sent = last();
    assert.equal(sent.auth?.ok, true, sent.auth?.error);
    assert.equal(sent.auth?.id, 'issuer', 'signed with the new credentials');
    assert.deepEqual(decodeExt(/ext="([^"]*)"/.exec(sent.headers.authorization!)?.[1])?.authorizedScopes, ['a:*'], 'authorizedScopes kept');
    assert.equal(sent.headers['x-taskcluster-trace-id'], 't-2');

    await original.ping();
    assert.equal(last().auth?.id, 'tester', 'the original still signs as before');
    assert.equal(last().headers['x-taskcluster-trace-id'], undefined, 'and sends no trace id');

    // The same through the official client: same identity, same ext, same trace header.
    const theirs = new tc.PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, authorizedScopes: ['a:*'], retries: 0 }).use({ credentials: temporary, traceId: 't-2' });
    await theirs.ping();
    assert.equal(last().auth?.id, 'issuer');
    assert.deepEqual(decodeExt(/ext="([^"]*)"/.exec(last().headers.authorization!)?.[1]), decodeExt(/ext="([^"]*)"/.exec(sent.headers.authorization!)?.[1]));
    assert.equal(last().headers['x-taskcluster-trace-id'], 't-2');

    // Keys set to undefined are ignored (lodash defaults in the official use()).
    const same = derived.use({ traceId: undefined });
    await same.ping();
    assert.equal(last().headers['x-taskcluster-trace-id'], 't-2');
  } finally {
    await closeClient(original);
  }
});

test('taskclusterPerRequestInstance({ requestId, traceId }) is use({ traceId }), as in the official client', async () => {
  const { tc } = await officialClient();
  const ours = new PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS });
  try {
    const theirs = new tc.PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS });
    const headersOf = async (client: { ping(): Promise<unknown> }) => {
      await client.ping();
      return { trace: last().headers['x-taskcluster-trace-id'], request: last().headers['x-request-id'], id: last().auth?.id };
    };
    const perRequestOurs = ours.taskclusterPerRequestInstance({ requestId: 'req-1', traceId: 'trace-9' });
    assert.ok(perRequestOurs instanceof PurgeCache);
    const oursSent = await headersOf(perRequestOurs);
    const theirsSent = await headersOf(theirs.taskclusterPerRequestInstance({ requestId: 'req-1', traceId: 'trace-9' }));
    assert.deepEqual(oursSent, theirsSent);
    assert.deepEqual(oursSent, { trace: 'trace-9', request: undefined, id: 'tester' });
  } finally {
    await closeClient(ours);
  }
});

test('a client made by use() sends through the same dispatcher, and closing it does not close that dispatcher', async () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get('https://tc.example.com');
  pool.intercept({ path: '/api/purge-cache/v1/ping', method: 'GET' }).reply(200, {}).times(2);
  const original = new PurgeCache({ rootUrl: 'https://tc.example.com', dispatcher: agent, retries: 0 });
  const derived = original.use({ traceId: 'x' });
  await derived.ping();
  await closeClient(derived); // not its pool: nothing closed
  await original.ping();
  await agent.close();
});

test('use() on a fakeClient keeps the fakes, recording into the same calls (as the official fake option survives use())', async () => {
  const { client, calls } = fakeClient(PurgeCache, { purgeRequests: async () => ({ requests: ['faked'] }) });
  const derived = client.use({ traceId: 'x' });
  assert.deepEqual(await derived.purgeRequests('pool'), { requests: ['faked'] });
  assert.deepEqual(calls, [{ method: 'purgeRequests', args: ['pool'] }]);
  await assert.rejects(derived.ping(), /PurgeCache.ping is not faked/);
});
