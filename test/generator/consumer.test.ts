// The committed package as an application sees it: imported by name and by subpath through its
// `exports` map, type-checked under strict NodeNext with library checking on, and misuse refused.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { compileApp } from '../corpus/compile-app.ts';
// The application's own compiler: the typescript package (its libs on disk), not tcgen's.
import { COMMITTED_OUTPUT, REPO_ROOT } from './helpers.ts';

const CONSUMER = `import { PurgeCache, TaskclusterError, createTemporaryCredentials, fakeClient, paginate, type CallOptions } from '@tcgen/taskcluster-client';
import type { OpenAllPurgeRequestsList, OpenPurgeRequestList, PurgeCacheRequest } from '@tcgen/taskcluster-client/purge-cache';

declare const otherClientMethod: (taskId: string | number, options?: CallOptions<'GET'>) => Promise<{ status: string }>;
const client = new PurgeCache({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'a', accessToken: 'b' } });
const request: PurgeCacheRequest = { cacheName: 'x' };
export async function main(): Promise<string | undefined> {
  await client.purgeCache('p', 'w', request);
  const list: OpenPurgeRequestList = await client.purgeRequests('p', 'w', { since: 'now' });
  if (list.requests[0] === undefined) throw new TaskclusterError({ message: 'none' } as never);
  void createTemporaryCredentials;
  // @ts-expect-error the payload is required
  await client.purgeCache('p', 'w');
  // @ts-expect-error the payload has the schema's type
  await client.purgeCache('p', 'w', { cacheName: 3 });
  // @ts-expect-error allPurgeRequests resolves to the list, not void
  const nothing: void = await client.allPurgeRequests();
  for await (const page of paginate(client, client.allPurgeRequests, { limit: 10 })) {
    const typed: OpenAllPurgeRequestsList = page;
    void typed;
  }
  // @ts-expect-error ping is not paginated
  paginate(client, client.ping);
  // ping has no output schema: it resolves to what the server sent (unknown), not void
  const pong: unknown = await client.ping();
  // @ts-expect-error unknown must be narrowed before use
  void pong.alive;
  const fake = fakeClient(PurgeCache, { purgeRequests: async (provisionerId) => ({ requests: [{ provisionerId: String(provisionerId), workerType: 'w', cacheName: 'c', before: 'now' }] }) });
  const faked: OpenPurgeRequestList = await fake.client.purgeRequests('p', 'w');
  // @ts-expect-error a fake answers with the method's output type
  fakeClient(PurgeCache, { purgeRequests: async () => ({ requests: 'none' }) });
  void faked;
  // buildUrl and buildSignedUrl are typed from the method: route args, then its query, then { expiration }
  const url: string = client.buildUrl(client.purgeRequests, 'p', 'w', { since: '2020-01-01' });
  const signed: string = client.buildSignedUrl(client.purgeRequests, 'p', 'w', undefined, { expiration: 60 });
  client.buildSignedUrl(client.ping);
  // @ts-expect-error buildSignedUrl takes GET entries only: purgeCache is a POST
  client.buildSignedUrl(client.purgeCache, 'p', 'w');
  // @ts-expect-error too few route arguments
  client.buildUrl(client.purgeRequests, 'p');
  // @ts-expect-error too many arguments: ping takes no route args and no query
  client.buildUrl(client.ping, 'p');
  // @ts-expect-error the query takes the entry's keys only
  client.buildUrl(client.purgeRequests, 'p', 'w', { until: 'x' });
  // @ts-expect-error expiration is in seconds, a number
  client.buildSignedUrl(client.allPurgeRequests, {}, { expiration: '1h' });
  // @ts-expect-error a method of another client (its signature is none of this client's)
  client.buildUrl(otherClientMethod, 't');
  return list.requests[0].before + String(nothing) + url + signed;
}
`;

test('an application type-checks against the package by name and subpath, and misuse is refused', async () => {
  // Inside the repository, so that undici and @types/node resolve as an application's would.
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, 'tcgen-consumer-'));
  try {
    await mkdir(path.join(dir, 'node_modules', '@tcgen'), { recursive: true });
    await symlink(COMMITTED_OUTPUT, path.join(dir, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
    await writeFile(path.join(dir, 'consumer.ts'), CONSUMER);
    assert.deepEqual(compileApp([path.join(dir, 'consumer.ts')], { skipLibCheck: false }).diagnostics, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
