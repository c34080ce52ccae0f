// Importing a generated service module (and constructing its client) does not load undici:
// the Node transport loads it at the first request (issue 23: undici's import was ~130 ms of
// every process importing a client). Checked in a fresh process, where undici's files would be
// in require.cache (ESM imports of CommonJS modules land there too) once anything loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVICE = pathToFileURL(path.join(ROOT, 'generated/dist/services/purge-cache.js')).href;
const RUNTIME = pathToFileURL(path.join(ROOT, 'generated/dist/runtime/index.js')).href;

// The child reports which undici modules are loaded after each step: import, construct, first request.
const CHILD = `
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).filter((file) => file.includes('/node_modules/undici/')).length;
const report = {};
const { PurgeCache } = await import(${JSON.stringify(SERVICE)});
report.afterImport = loaded();
report.paths = [];
const server = createServer((req, res) => (report.paths.push(req.url), res.end('{}'))).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const client = new PurgeCache({ rootUrl: 'http://127.0.0.1:' + server.address().port });
report.afterConstruct = loaded();
await client.ping();
report.afterRequest = loaded();
const { closeClient } = await import(${JSON.stringify(RUNTIME)});
await closeClient(client);
server.close();
console.log(JSON.stringify(report));
`;

test('importing a service module and constructing its client loads no undici; the first request does', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: ROOT, timeout: 30_000 });
  const report = JSON.parse(stdout) as { afterImport: number; afterConstruct: number; afterRequest: number; paths: string[] };
  assert.equal(report.afterImport, 0, 'undici was loaded by the import');
  assert.equal(report.afterConstruct, 0, 'undici was loaded by the client constructor');
  assert.deepEqual(report.paths, ['/api/purge-cache/v1/ping']);
  // The evidence itself works: after the first request undici's modules are there.
  assert.ok(report.afterRequest > 0, 'the first request did not load undici through require.cache');
});
