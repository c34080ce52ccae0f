// fakeClient(): API methods replaced by the implementations given, every call recorded,
// unfaked methods reject, unknown names refused, and the client's helpers still work on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeClient, paginate } from '../../templates/runtime/index.ts';
import { PurgeCache } from './helpers.ts';

test('faked methods answer and are recorded with their arguments, in order', async () => {
  const { client, calls } = fakeClient(PurgeCache, {
    purgeRequests: async (workerPoolId, query) => ({ requests: [workerPoolId, query?.since] }),
    purgeCache: async () => undefined,
  });
  assert.deepEqual(await client.purgeRequests('pool/1', { since: 'now' }), { requests: ['pool/1', 'now'] });
  assert.equal(await client.purgeCache('pool/1', { cacheName: 'c' }), undefined);
  assert.deepEqual(calls, [
    { method: 'purgeRequests', args: ['pool/1', { since: 'now' }] },
    { method: 'purgeCache', args: ['pool/1', { cacheName: 'c' }] },
  ]);
});

test('a method without an implementation rejects (and is still recorded); unknown names are refused', async () => {
  const { client, calls } = fakeClient(PurgeCache);
  await assert.rejects(client.ping(), { name: 'TypeError', message: 'PurgeCache.ping is not faked' });
  assert.deepEqual(calls, [{ method: 'ping', args: [] }]);
  assert.throws(() => fakeClient(PurgeCache, { buildUrl: () => '' } as never), { message: 'fakeClient: buildUrl is not an API method of PurgeCache' });
  assert.throws(() => fakeClient(PurgeCache, { nope: async () => 1, nada: async () => 2 } as never), {
    message: 'fakeClient: nope, nada are not API methods of PurgeCache',
  });
});

test('an implementation that throws rejects the call; buildUrl and paginate work on the fake', async () => {
  type ListPage = { requests: unknown[]; continuationToken?: string };
  const pages: ListPage[] = [{ requests: [1], continuationToken: 'next' }, { requests: [2] }];
  const { client, calls } = fakeClient(PurgeCache, {
    allPurgeRequests: async () => pages.shift(),
    purgeCache: () => {
      throw new Error('boom');
    },
  });
  await assert.rejects(client.purgeCache('p', { cacheName: 'c' }), { message: 'boom' });
  assert.equal(client.buildUrl(client.purgeRequests, 'p'), 'https://fake.invalid/api/purge-cache/v1/purge-cache/p');
  const list = client.allPurgeRequests as (query?: { continuationToken?: string }) => Promise<ListPage>;
  const seen = [];
  for await (const page of paginate(client, list)) seen.push(page.requests);
  assert.deepEqual(seen, [[1], [2]]);
  assert.deepEqual(calls.slice(1), [
    { method: 'allPurgeRequests', args: [{}] },
    { method: 'allPurgeRequests', args: [{ continuationToken: 'next' }] },
  ]);
});
