// paginate(): follows continuationToken page by page, keeps the caller's other query keys,
// stops at the first page without a token, and refuses entries that are not paginated.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeClient, paginate } from '../../templates/runtime/index.ts';
import { PurgeCache, json, startServer, type TestServer } from './helpers.ts';

let server: TestServer;
before(async () => {
  // Three pages: tokens t1, t2, then none.
  server = await startServer((rec, res) => {
    const token = new URLSearchParams(rec.query).get('continuationToken');
    const next = token === null ? 't1' : token === 't1' ? 't2 /' : undefined;
    json(res, 200, { requests: [{ page: token }], ...(next === undefined ? {} : { continuationToken: next }) });
  });
});
after(() => server.close());

// The hand-made client's method returns Promise<unknown>; generated ones carry the output type.
type ListPage = { requests: unknown[]; continuationToken?: string };
const listOf = (client: PurgeCache) => client.allPurgeRequests as (query?: { continuationToken?: string; limit?: number }) => Promise<ListPage>;

test('every page in order, the token threaded through the query with the other keys kept', async () => {
  const client = new PurgeCache({ rootUrl: server.rootUrl, retries: 0 });
  try {
    const pages = [];
    for await (const page of paginate(client, listOf(client), { limit: 2 })) pages.push(page);
    assert.deepEqual(pages, [
      { requests: [{ page: null }], continuationToken: 't1' },
      { requests: [{ page: 't1' }], continuationToken: 't2 /' },
      { requests: [{ page: 't2 /' }] },
    ]);
    assert.deepEqual(server.requests.slice(-3).map((r) => r.query), ['limit=2', 'limit=2&continuationToken=t1', 'limit=2&continuationToken=t2%20%2F']);
  } finally {
    await closeClient(client);
  }
});

test('a caller may start from a token, or give no query at all', async () => {
  const client = new PurgeCache({ rootUrl: server.rootUrl, retries: 0 });
  try {
    const fromToken = [];
    for await (const page of paginate(client, listOf(client), { continuationToken: 't1' })) fromToken.push(page.requests);
    assert.deepEqual(fromToken, [[{ page: 't1' }], [{ page: 't2 /' }]]);
    let count = 0;
    for await (const _page of paginate(client, listOf(client))) count++;
    assert.equal(count, 3);
    assert.equal(server.requests.at(-3)!.query, '');
  } finally {
    await closeClient(client);
  }
});

test('entries without continuationToken are refused before any request', async () => {
  const client = new PurgeCache({ rootUrl: server.rootUrl, retries: 0 });
  const before = server.requests.length;
  try {
    await assert.rejects(async () => {
      const ping = client.ping as unknown as () => Promise<ListPage>;
      for await (const _ of paginate(client, ping)) break;
    }, /paginate: ping takes no continuationToken, so it is not paginated/);
    assert.equal(server.requests.length, before);
  } finally {
    await closeClient(client);
  }
});
