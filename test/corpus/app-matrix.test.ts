// The compile matrix (issue 19): application code in the shapes users write (app-code.ts),
// compiled against the v87.1.3 package with the whole strict family and library checking on,
// every refusal an `// @ts-expect-error` line; then the same code run against a loopback server,
// asserting that `undefined` query values and payload fields are not sent (the bytes on the wire).
// The query half also runs on the committed generated/ package, which needs no ../shared.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { appCode } from './app-code.ts';
import { dirSource, generateInto, importDist, ROOT, skipUnlessSnapshot, type Generated } from './helpers.ts';
import { compileApp, STRICTEST } from './compile-app.ts';

interface Recorded { method: string; url: string; body: string }

/** A loopback server that records each request's line and body bytes and answers from `answer`. */
async function recordingServer(answer: (request: Recorded) => unknown) {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(recorded) ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { rootUrl, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const V87 = 'v87.1.3' as const;
let pkg: Generated | undefined;
let appFile = '';

before(async () => {
  if (skipUnlessSnapshot(V87) !== false) return;
  pkg = await generateInto({ source: dirSource(V87) });
  appFile = path.join(path.dirname(pkg.out), 'app.mts'); // .mts: emitted as ESM beside it (app.mjs)
  await writeFile(appFile, appCode(`./${path.basename(pkg.out)}/dist/index.js`));
});
after(() => pkg?.cleanup());

test('the app code holds no cast: no `as` but `as const`, no `any`, no `!`', () => {
  const code = appCode('pkg/dist/index.js').replace(/\/\*\*(?:[^*]|\*(?!\/))*\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bas (?!const\b)/);
  assert.doesNotMatch(code, /\bany\b/);
  assert.doesNotMatch(code, /[\w)\]]!(?!=)/);
});

test('v87.1.3: app-shaped code compiles under the strict family with skipLibCheck: false, each refusal refused', { skip: skipUnlessSnapshot(V87) }, () => {
  const { program, diagnostics } = compileApp([appFile], { ...STRICTEST, noEmit: false });
  assert.deepEqual(diagnostics, []);
  const emitted = program.emit();
  assert.equal(emitted.emitSkipped, false);
  // every @ts-expect-error line is used (an unused one is diagnostic 2578, asserted absent above)
  assert.equal((appCode('x').match(/@ts-expect-error/g) ?? []).length, 26);
});

test('v87.1.3: the app sends no undefined query value and no undefined payload field (bytes on the wire)', { skip: skipUnlessSnapshot(V87) }, async () => {
  const task = { taskQueueId: 'a/b', created: 'c', deadline: 'd', routes: ['r'], tags: { kind: 'k' }, extra: { notify: 1 }, payload: { image: 'i' }, metadata: { name: 'n' } };
  let listed = 0;
  const server = await recordingServer((r) => {
    if (r.url.includes('/task-group/')) return listed++ === 0 ? { tasks: [{ status: { taskId: 'A' } }], continuationToken: 'page 2' } : { tasks: [{ status: { taskId: 'B' } }] };
    if (r.method === 'GET' && r.url.startsWith('/api/queue/v1/task/')) return task;
    return { status: { state: 'pending' } };
  });
  try {
    const app = (await import(pathToFileURL(path.join(path.dirname(appFile), 'app.mjs')).href)) as Record<string, any>;
    const { queue } = app.clients(server.rootUrl);
    assert.deepEqual(await app.taskIdsOfGroup(queue, 'G'), ['A', 'B']);
    assert.equal(await app.createTasks(queue, 'T', false), 'pending');
    await app.resend(queue, 'T', 'U');
    const lines = server.requests.map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(lines.slice(0, 2), ['GET /api/queue/v1/task-group/G/list?limit=2', 'GET /api/queue/v1/task-group/G/list?continuationToken=page%202&limit=2']);
    const [first, , third] = server.requests.slice(2);
    // keep = false: `expires: undefined` is left out of the body, byte for byte
    assert.equal(
      first!.body,
      JSON.stringify({
        taskQueueId: 'proj-example/ci', schedulerId: 'taskcluster-ui', created: '2030-01-01T00:00:00.000Z', deadline: '2030-01-01T00:00:00.000Z',
        routes: ['index.project.example.latest', 'notify.email.dev@example.com.on-failed'], scopes: ['secrets:get:project/example/ci'],
        payload: { image: 'ubuntu:24.04', command: ['echo', 'hi'], maxRunTime: 600 }, extra: { notify: { email: { subject: 'done' } } },
        metadata: { name: 'Example', description: 'Says hello', owner: 'dev@example.com', source: 'https://example.com/repo' }, priority: 'lowest',
      }),
    );
    assert.doesNotMatch(third!.body, /expires/); // the defaults helper with `expires: undefined`
    assert.match(third!.body, /"retries":2/);
    const resent = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(resent), [...Object.keys(task), 'expires']);
  } finally {
    await server.close();
  }
});

test('generated/: undefined query values and payload fields are not sent (purge-cache)', async () => {
  const server = await recordingServer(() => ({ requests: [] }));
  try {
    const { PurgeCache } = await importDist(path.join(ROOT, 'generated'));
    const purgeCache = new PurgeCache({ rootUrl: server.rootUrl });
    const continuationToken: string | undefined = undefined;
    await purgeCache.allPurgeRequests({ continuationToken, limit: 3 });
    await purgeCache.purgeRequests('p', 'w', { since: undefined });
    await purgeCache.allPurgeRequests({ continuationToken: undefined, limit: undefined });
    // a payload held in a wider type of the application's, one optional field undefined
    const request: { cacheName: string; reason?: string | undefined } = { cacheName: 'level-3', reason: undefined };
    await purgeCache.purgeCache('p', 'w', request);
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
      'GET /api/purge-cache/v1/purge-cache/list?limit=3',
      'GET /api/purge-cache/v1/purge-cache/p/w',
      'GET /api/purge-cache/v1/purge-cache/list',
      'POST /api/purge-cache/v1/purge-cache/p/w',
    ]);
    assert.equal(server.requests.at(-1)!.body, '{"cacheName":"level-3"}');
  } finally {
    await server.close();
  }
});
