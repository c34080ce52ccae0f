// Importing a generated service module loads only the client's own runtime modules: not node:zlib,
// node:stream or node:crypto (node:crypto loads node:stream), not undici, not the object-transfer
// modules (object.ts, artifacts.ts, transfer.ts) nor decode-body.ts. Each loads at its first use
// (issue 23: a service's import paid ~20 ms for them). Checked in fresh processes:
// - builtins through process.moduleLoadList (every builtin, however loaded: import, require or
//   process.getBuiltinModule), in a child without module hooks, whose worker would load
//   node:stream itself; undici through require.cache (see lazy-transport.test.ts);
// - runtime files through a module `load` hook that reports each URL over a MessagePort.
// Each check also shows its evidence appearing once the thing is used, so none passes vacuously.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = pathToFileURL(path.join(ROOT, 'generated/dist')).href;
const SERVICE = `${DIST}/services/purge-cache.js`;
const RUNTIME = `${DIST}/runtime/index.js`;

async function runChild(source: string): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, timeout: 30_000 });
  return JSON.parse(stdout) as Record<string, string[]>;
}

// Snapshots are taken before the child writes anything: a pipe on stdout loads node:stream.
const BUILTINS_CHILD = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const WATCHED = ['crypto', 'stream', 'stream/promises', 'zlib'];
const loaded = () => [
  ...WATCHED.filter((name) => process.moduleLoadList.includes('NativeModule ' + name)),
  ...(Object.keys(require.cache).some((file) => file.includes('/node_modules/undici/')) ? ['undici'] : []),
];
const report = {};
const { PurgeCache } = await import(${JSON.stringify(SERVICE)});
report.service = loaded();
const client = new PurgeCache({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'tester', accessToken: 'secret' } });
report.construct = loaded();
const runtime = await import(${JSON.stringify(RUNTIME)});
report.runtimeIndex = loaded();
report.signedUrl = [client.buildSignedUrl(client.ping)];
report.afterSigning = loaded();
report.uploadError = [await runtime.upload({}).then(() => 'resolved', (error) => error.message)];
report.afterUpload = loaded();
console.log(JSON.stringify(report));
`;

test('a service import, its client and the runtime index load no node:zlib, node:stream, node:crypto or undici; signing and upload do', async () => {
  const report = await runChild(BUILTINS_CHILD);
  assert.deepEqual(report.service, [], 'loaded by importing the service module');
  assert.deepEqual(report.construct, [], 'loaded by constructing its client');
  assert.deepEqual(report.runtimeIndex, [], 'loaded by importing the runtime index (the object helpers)');
  // The evidence: a synchronous bewit loads node:crypto (and with it node:stream) then and there,
  // and the first upload loads the transfer code (node:zlib), which then rejects the bad options.
  assert.match(report.signedUrl![0]!, /^https:\/\/tc\.example\.com\/api\/purge-cache\/v1\/ping\?bewit=/);
  assert.deepEqual(report.afterSigning, ['crypto', 'stream', 'stream/promises']);
  assert.match(report.uploadError![0]!, /^upload: /);
  assert.deepEqual(report.afterUpload, ['crypto', 'stream', 'stream/promises', 'zlib']);
});

const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
`;

const FILES_CHILD = `
import { register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
port1.unref();
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
const RUNTIME_DIR = ${JSON.stringify(`${DIST}/runtime/`)};
const seen = new Set();
// The hook posts each URL before the module loads, so an import that finished has posted all of its.
const files = () => {
  for (let message; (message = receiveMessageOnPort(port1)); ) seen.add(message.message);
  const runtime = [...seen].filter((url) => url.startsWith(RUNTIME_DIR)).map((url) => url.slice(RUNTIME_DIR.length));
  return [...runtime, ...([...seen].some((url) => url.includes('/node_modules/undici/')) ? ['undici'] : [])].sort();
};
const report = {};
const { PurgeCache } = await import(${JSON.stringify(SERVICE)});
report.service = files();
const runtime = await import(${JSON.stringify(RUNTIME)});
report.runtimeIndex = files();
await runtime.upload({}).catch(() => {});
report.afterUpload = files();
// A gzipped answer: the transport loads undici, then the decoder.
const { createServer } = await import('node:http');
const { gzipSync } = await import('node:zlib');
const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync('{"alive":true}')));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = new PurgeCache({ rootUrl: 'http://127.0.0.1:' + server.address().port, retries: 0 });
report.answer = [JSON.stringify(await client.ping())];
report.afterCompressedAnswer = files();
await runtime.closeClient(client);
server.close();
console.log(JSON.stringify(report));
`;

/** The runtime files behind the object helpers and the body decoder, which only their first use loads. */
const LAZY = ['artifacts.js', 'decode-body.js', 'object.js', 'transfer.js', 'undici'];

test('a service import loads its runtime modules through client.js, not the index, the object transfer or the decoder; their first use does', async () => {
  const report = await runChild(FILES_CHILD);
  assert.ok(report.service!.includes('client.js') && report.service!.includes('state.js'), report.service!.join(' '));
  // events.js only for a service with exchanges (purge-cache has none).
  for (const file of ['index.js', 'events.js', 'objects-node.js', 'scopes.js', 'fake.js', ...LAZY]) assert.ok(!report.service!.includes(file), `importing the service loaded ${file}`);
  // The runtime index (the package's ./runtime) brings the helpers' stand-ins, not what they load.
  assert.ok(report.runtimeIndex!.includes('index.js') && report.runtimeIndex!.includes('objects-node.js'), report.runtimeIndex!.join(' '));
  for (const file of LAZY) assert.ok(!report.runtimeIndex!.includes(file), `importing the runtime index loaded ${file}`);
  for (const file of ['object.js', 'transfer.js']) assert.ok(report.afterUpload!.includes(file), `the first upload did not load ${file}`);
  assert.ok(!report.afterUpload!.includes('decode-body.js'));
  assert.deepEqual(report.answer, ['{"alive":true}']);
  for (const file of ['decode-body.js', 'undici']) assert.ok(report.afterCompressedAnswer!.includes(file), `a gzipped answer did not load ${file}`);
});
