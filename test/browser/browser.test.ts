// The generated v87.1.3 package in a real headless Chromium: esbuild bundles test/browser/page.ts
// for the browser (fetch transport, Web Crypto), one loopback server serves the page on
// http://localhost:PORT and a fake Taskcluster service on http://127.0.0.1:PORT (another origin,
// so every call goes through CORS and its preflights), and verifies each Hawk signature and
// bewit with the `hawk` package. Chromium is the system's (no download), driven by playwright-core.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// The application's own compiler, as in the consumer test.
import ts from 'typescript';
import { BUNDLE_ENTRIES, bundleSize } from '../../bench/bundle.ts';
import { generate } from '../../generator/generate.ts';
import { skipUnlessSnapshot, snapshotDir } from '../corpus/helpers.ts';
import { REPO_ROOT } from '../generator/helpers.ts';
import { CREDS, USERS, startServer, type Recorded, type TestServer } from '../runtime/helpers.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM_CANDIDATES = [process.env.TCGEN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
const executablePath = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
/** Flags that work in this container: no GPU, no sandbox (root), nothing that phones home. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const noSnapshot = skipUnlessSnapshot('v87.1.3');
const skip =
  noSnapshot ||
  (executablePath === undefined &&
    `no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}): install one with ` +
      '`apt-get update && apt-get install -y chromium` (as root; .ci/run does this), or set TCGEN_CHROMIUM to a Chromium or Chrome executable');

/** Taskcluster's API servers' Access-Control-Allow-Headers: a preflight asking for more fails. */
const ALLOWED_HEADERS = ['X-Requested-With', 'Content-Type', 'Authorization', 'Accept', 'Origin', 'Cache-Control'];
const ISSUER = { clientId: 'issuer', accessToken: USERS.issuer! };

function cors(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'access-control-allow-origin': '*', 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** One generated v87.1.3 package per file, in scratch/node_modules, where an application's bundler finds it. */
let scratch: string | undefined;
let generated: Promise<string> | undefined;
function packageScratch(): Promise<string> {
  generated ??= (async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-browser-'));
    await generate({ references: snapshotDir('v87.1.3'), out: path.join(scratch, 'node_modules', '@tcgen', 'taskcluster-client') });
    // The optional peers schema validation needs, installed beside the package as an application would.
    for (const peer of ['ajv', 'ajv-formats']) await symlink(path.join(REPO_ROOT, 'node_modules', peer), path.join(scratch, 'node_modules', peer), 'dir');
    return scratch;
  })();
  return generated;
}
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('one service per bundle', { skip: noSnapshot }, () => {
  test('a bundle of PurgeCache or Queue alone holds that service\'s code and no other\'s, from its subpath or from the root', async () => {
    const dir = await packageScratch();
    const alone = await Promise.all(BUNDLE_ENTRIES.map(([label, entry]) => bundleSize(dir, label, entry)));
    const [purgeCache, queue, fromRoot, whole] = alone;
    assert.deepEqual(purgeCache!.services, ['purge-cache']);
    assert.deepEqual(queue!.services, ['queue']);
    assert.deepEqual(fromRoot!.services, ['purge-cache']);
    assert.equal(fromRoot!.minifiedBytes, purgeCache!.minifiedBytes);
    assert.ok(whole!.services.length >= 10, whole!.services.join());
    for (const s of alone) assert.deepEqual(s.runtime.filter((m) => /node|process/.test(m)), [], s.label);
    // What the output itself says: PurgeCache's routes are in, Queue's are not, and the reverse.
    const code = (entry: string) => build({ stdin: { contents: entry, resolveDir: dir }, bundle: true, minify: true, platform: 'browser', format: 'esm', write: false }).then((r) => r.outputFiles[0]!.text);
    const [purgeCacheCode, queueCode] = await Promise.all([code(BUNDLE_ENTRIES[0]![1]), code(BUNDLE_ENTRIES[1]![1])]);
    assert.match(purgeCacheCode, /\/purge-cache\/<workerPoolId>/);
    assert.doesNotMatch(purgeCacheCode, /\/task\/<taskId>|"queue"|"auth"|"secrets"/);
    assert.match(queueCode, /\/task\/<taskId>/);
    assert.doesNotMatch(queueCode, /\/purge-cache\/|"purge-cache"|"auth"|"secrets"/);
  });
});

describe('generated v87.1.3 package in headless Chromium', { skip }, () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let metafile: Metafile;
  const preflights: Recorded[] = [];
  const hits = new Map<string, number>();
  let html = '';
  let script = '';

  function handle(rec: Recorded, res: ServerResponse): void {
    if (rec.path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (rec.path === '/page.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (rec.method === 'OPTIONS') {
      preflights.push(rec);
      const asked = String(rec.headers['access-control-request-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      const allowed = asked.every((h) => ALLOWED_HEADERS.some((a) => a.toLowerCase() === h));
      // Like a real server, refuse nothing explicitly: a missing allow header makes the browser fail the call.
      return void res.writeHead(204, allowed ? { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'OPTIONS,GET,HEAD,POST,PUT,DELETE', 'access-control-allow-headers': ALLOWED_HEADERS.join(','), 'access-control-max-age': '0' } : {}).end();
    }
    const key = `${rec.method} ${rec.path}`;
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    if (rec.auth && !rec.auth.ok) return cors(res, 401, { code: 'AuthenticationFailed', message: rec.auth.error });
    const status = /^\/api\/queue\/v1\/task\/([^/]+)\/status$/.exec(rec.path)?.[1];
    if (status === 'stall') return; // never answered: aborted or timed out by the client
    if (status === 'flaky-500-twice' && n <= 2) return cors(res, 500, { code: 'InternalServerError', message: 'try again' });
    if (status === 'always-500') return cors(res, 500, { code: 'InternalServerError', message: 'still broken' });
    if (status === 'missing-404') return cors(res, 404, { code: 'ResourceNotFound', message: 'no such task' });
    if (status === 'redirect-303') return cors(res, 303, undefined, { location: `${server.rootUrl}/api/queue/v1/task/elsewhere/status` });
    if (status !== undefined) return cors(res, 200, { status: { taskId: status, state: 'completed' } });
    const task = /^\/api\/queue\/v1\/task\/([^/]+)$/.exec(rec.path)?.[1];
    if (task !== undefined) return cors(res, 200, { taskId: task, provisionerId: 'p' });
    if (rec.method === 'POST' && rec.path.startsWith('/api/purge-cache/v1/purge-cache/')) return cors(res, 200, undefined);
    if (rec.method === 'GET' && rec.path.startsWith('/api/purge-cache/v1/purge-cache/')) return cors(res, 200, { requests: [], query: rec.query });
    cors(res, 404, { code: 'ResourceNotFound', message: `no route ${key}` });
  }

  // page.ts is typed against the generated package, which exists only in the scratch dir; its
  // results are plain data, checked field by field below.
  type Scenario = (rootUrl: string, credentials: { clientId: string; accessToken: string }) => Promise<any>;
  const run = (name: string, credentials: { clientId: string; accessToken: string }): Promise<any> =>
    page.evaluate(([name, rootUrl, credentials]) => (globalThis as unknown as { scenarios: Record<string, Scenario> }).scenarios[name]!(rootUrl, credentials), [name, server.rootUrl, credentials] as const);
  const requestsTo = (method: string, prefix: string) => server.requests.filter((r) => r.method === method && r.path.startsWith(prefix));

  let scratch: string;
  before(async () => {
    scratch = await packageScratch();
    // Beside the package's node_modules, as an application's source would be.
    await copyFile(path.join(HERE, 'page.ts'), path.join(scratch, 'page.ts'));
    const bundle = await build({
      entryPoints: [path.join(scratch, 'page.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    script = bundle.outputFiles[0]!.text;
    metafile = bundle.metafile;
    html = '<!doctype html><meta charset="utf-8"><title>tcgen</title><script type="module" src="/page.js"></script>';
    server = await startServer(handle);
    const port = new URL(server.rootUrl).port;
    context = await chromium.launchPersistentContext(path.join(scratch, 'profile'), { executablePath, headless: true, args: CHROMIUM_FLAGS });
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    // The page's origin (localhost) differs from rootUrl's (127.0.0.1): every call is cross-origin.
    await page.goto(`http://localhost:${port}/`);
    await page.waitForFunction(() => 'scenarios' in globalThis, undefined, { timeout: 10_000 }).catch((err: unknown) => {
      throw new Error(`page did not load: ${errors.join('; ') || String(err)}`);
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
  });

  test('the bundle has the fetch transport and Web Crypto, and nothing of Node or undici', () => {
    const inputs = Object.keys(metafile.inputs);
    assert.ok(inputs.some((f) => f.endsWith('dist/runtime/transport-fetch.js')), 'fetch transport bundled');
    assert.ok(inputs.some((f) => f.endsWith('dist/runtime/crypto-web.js')), 'Web Crypto bundled');
    for (const f of inputs) assert.doesNotMatch(f, /undici|amqplib|transport-node|crypto-node|env-process|objects-node|dist\/runtime\/(object|artifacts|transfer|pulse)\.js|^node:/, f);
    assert.ok(inputs.some((f) => f.endsWith('dist/runtime/objects-unsupported.js')), 'Node-only helpers replaced');
    assert.doesNotMatch(script, /from\s*["']node:|\bprocess\.(env|versions)/);
    // The only `require("…")` texts are ajv's own: strings of its standalone code generator, never called here.
    for (const [, required] of script.matchAll(/require\(["']([^"']*)/g)) assert.match(required!, /^ajv(-formats)?\/dist\//, `require("${required}") in the bundle`);
    assert.ok(inputs.some((f) => f.endsWith('node_modules/ajv/dist/ajv.js')), 'ajv bundled (the page validates)');
  });

  test('the page type-checks against the package as a browser application would (bundler resolution, browser condition, DOM, no @types/node)', () => {
    const program = ts.createProgram([path.join(scratch, 'page.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['browser'],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // page.ts holds @ts-expect-error lines: had the package's types not resolved, they would be unused errors.
    assert.deepEqual(diagnostics, []);
    assert.ok(program.getSourceFiles().some((f) => f.fileName.endsWith('/dist/services/queue.d.ts')));
  });

  test('signed calls with permanent credentials and per-call authorizedScopes, verified by hawk', async () => {
    const r = await run('permanent', CREDS);
    assert.deepEqual(r.task, { ok: true, value: { taskId: 'fN1i1-mqQ1GZxNjhKuNfbA', provisionerId: 'p' } });
    assert.deepEqual(r.purge, { ok: true, value: undefined });
    assert.deepEqual(r.narrowed, { ok: true, value: { requests: [], query: 'since=2024-01-01T00%3A00%3A00.000Z' } });
    const [task] = requestsTo('GET', '/api/queue/v1/task/fN1i1');
    assert.equal(task?.auth?.ok, true, task?.auth?.error);
    assert.equal(task?.auth?.id, 'tester');
    const [purge] = requestsTo('POST', '/api/purge-cache/v1/purge-cache/proj%2Fpool');
    assert.equal(purge?.auth?.ok, true, purge?.auth?.error);
    assert.deepEqual(JSON.parse(purge!.body), { cacheName: 'level-3 checkouts' });
    assert.equal(purge!.headers['content-type'], 'application/json');
    const [narrowed] = requestsTo('GET', '/api/purge-cache/v1/purge-cache/proj%2Fpool');
    assert.equal(narrowed?.auth?.ok, true, narrowed?.auth?.error);
    assert.deepEqual(narrowed?.auth?.ext, { authorizedScopes: ['purge-cache:purge-requests:proj/pool'] });
    // Preflights asked only for headers Taskcluster allows (otherwise the calls above had failed).
    assert.ok(preflights.length > 0, 'cross-origin calls were preflighted');
    for (const p of preflights) assert.doesNotMatch(String(p.headers['access-control-request-headers']), /user-agent|x-/i);
  });

  test('temporary credentials made in the page (Web Crypto), named and unnamed, with authorizedScopes', async () => {
    const before = server.requests.length;
    const r = await run('temporary', ISSUER);
    assert.deepEqual(r.task, { ok: true, value: { taskId: 'fN1i1-mqQ1GZxNjhKuNfbA', provisionerId: 'p' } });
    assert.equal(r.named.ok, true, JSON.stringify(r.named));
    const [task, status] = server.requests.slice(before).filter((q) => q.method === 'GET');
    // The server checked the certificate's signature and derived the temporary key itself (helpers.ts keyFor).
    assert.equal(task?.auth?.ok, true, task?.auth?.error);
    assert.equal(task?.auth?.id, 'issuer');
    const ext = task!.auth!.ext as { certificate: { scopes: string[] }; authorizedScopes: string[] };
    assert.deepEqual(ext.certificate.scopes, ['queue:get-task:*', 'purge-cache:*']);
    assert.deepEqual(ext.authorizedScopes, ['queue:get-task:*']);
    assert.equal(status?.auth?.ok, true, status?.auth?.error);
    assert.equal(status?.auth?.id, 'issuer/browser-named');
    assert.equal(JSON.parse(r.temporary.certificate).seed.length, 44);
  });

  test('a bewit URL built in the page works with no credentials', async () => {
    const r = await run('bewit', CREDS);
    assert.equal(r.status, 200);
    assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/purge-cache\/v1\/purge-cache\/proj%2Fpool\?since=2024-01-01%2000%3A00&bewit=[\w-]+$/);
    const fetched = server.requests.find((q) => q.url.includes('bewit='));
    assert.equal(fetched?.headers.authorization, undefined);
    assert.equal(fetched?.auth?.ok, true, fetched?.auth?.error);
    assert.equal(fetched?.auth?.id, 'tester');
  });

  test('a quote in a query value: the signed call and the bewit URL verify (the browser sends it as %27)', async () => {
    const before = server.requests.length;
    const r = await run('quotedQuery', CREDS);
    assert.deepEqual(r.call, { ok: true, value: { requests: [], query: 'since=it%27s' } });
    assert.equal(r.status, 200);
    assert.match(r.url, /\?since=it%27s&bewit=/);
    const sent = server.requests.slice(before).filter((q) => q.method === 'GET');
    assert.equal(sent.length, 2);
    for (const q of sent) assert.equal(q.auth?.ok, true, q.auth?.error);
  });

  test('in a browser the synchronous crypto forms and fromEnv throw, naming what to use', async () => {
    const r = await run('browserOnly', CREDS);
    assert.equal(r.hasProcess, false);
    assert.match(r.buildSignedUrl, /^TypeError: .*buildSignedUrlAsync/);
    assert.match(r.createTemporaryCredentials, /^TypeError: .*createTemporaryCredentialsAsync/);
    assert.match(r.fromEnv, /^TypeError: fromEnv reads TASKCLUSTER_\* environment variables, which a browser does not have/);
  });

  test('upload, download and the artifact downloads reject as Node only; traceId, User-Agent and Accept-Encoding are not set, so the call passes its preflight', async () => {
    const r = await run('nodeOnly', CREDS);
    for (const name of ['upload', 'download', 'downloadArtifact', 'downloadManagedArtifact']) {
      assert.deepEqual([r[name].ok, r[name].name], [false, 'TypeError'], name);
      assert.match(r[name].message, new RegExp(`^${name} needs Node\\.js`), name);
    }
    assert.deepEqual(r.traced, { ok: true, value: { taskId: 'trace-task', provisionerId: 'p' } });
    const sent = requestsTo('GET', '/api/queue/v1/task/trace-task');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.headers['x-taskcluster-trace-id'], undefined);
    assert.doesNotMatch(String(sent[0]!.headers['user-agent']), /tcgen-client/);
    // The browser's own Accept-Encoding (it decodes what it asked for), not the client's `gzip`.
    assert.notEqual(sent[0]!.headers['accept-encoding'], 'gzip');
  });

  test('a 500 is retried, a 404 is a TaskclusterError at once, exhausted retries report their count, a redirect is not followed', async () => {
    const r = await run('errors', CREDS);
    assert.deepEqual(r.retried, { ok: true, value: { status: { taskId: 'flaky-500-twice', state: 'completed' } } });
    assert.equal(hits.get('GET /api/queue/v1/task/flaky-500-twice/status'), 3);
    assert.deepEqual(r.notFound, { ok: false, name: 'TaskclusterError', message: 'no such task', isTaskclusterError: true, statusCode: 404, code: 'ResourceNotFound', retries: 0 });
    assert.equal(hits.get('GET /api/queue/v1/task/missing-404/status'), 1);
    assert.equal(r.exhausted.ok, false);
    assert.deepEqual([r.exhausted.ok === false && r.exhausted.statusCode, r.exhausted.ok === false && r.exhausted.retries], [500, 1]);
    assert.equal(hits.get('GET /api/queue/v1/task/always-500/status'), 2);
    // Not followed (credentials stay with rootUrl), and a browser hides where it pointed.
    assert.deepEqual([r.redirect.isTaskclusterError, r.redirect.code, r.redirect.retries], [true, 'UnexpectedRedirect', 0]);
    assert.equal(hits.get('GET /api/queue/v1/task/elsewhere/status'), undefined);
  });

  test('schema validation on demand works in the page: ajv and the schemas load there; refused payloads are never sent, refused answers reported', async () => {
    const before = server.requests.length;
    const r = await run('validation', CREDS);
    assert.deepEqual([r.refused.ok, r.refused.name], [false, 'SchemaValidationError']);
    assert.match(r.refused.message, /^queue\.createTask: the payload does not match the input schema \(nothing was sent\):\n {2}\/created: format: must match format "date-time"/);
    assert.deepEqual([r.badAnswer.ok, r.badAnswer.name], [false, 'SchemaValidationError']);
    assert.match(r.badAnswer.message, /^queue\.task: the response does not match the output schema \(as received\)/);
    assert.deepEqual(r.valid, { ok: true, value: undefined });
    assert.deepEqual([r.invalid.ok, r.invalid.name], [false, 'SchemaValidationError']);
    const sent = server.requests.slice(before).filter((q) => q.method !== 'OPTIONS').map((q) => `${q.method} ${q.path}`);
    assert.deepEqual(sent, ['GET /api/queue/v1/task/validation-answer', 'POST /api/purge-cache/v1/purge-cache/proj%2Fvalidated']);
  });

  test('an abort rejects at once with the signal\'s reason; a stalled attempt times out as ECONNABORTED', async () => {
    const r = await run('abort', CREDS);
    assert.equal(r.aborted.ok, false);
    assert.equal(r.aborted.ok === false && r.aborted.name, 'AbortError');
    assert.equal(r.aborted.ok === false && r.aborted.isTaskclusterError, false);
    assert.ok(r.abortMs < 5_000, `aborted after ${r.abortMs} ms`);
    assert.equal(r.timedOut.ok, false);
    assert.equal(r.timedOut.ok === false && r.timedOut.code, 'ECONNABORTED');
    assert.match(r.timedOut.ok === false ? r.timedOut.message : '', /timed out after 200 ms/);
  });
});
