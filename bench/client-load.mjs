// Client side of the throughput benchmark, plain node (no loader): for each client kind,
// rounds of a fixed number of requests at a fixed concurrency against the server on argv[2].
// Prints one JSON object: per kind and concurrency, per round {rps, cpuUsPerReq, p50Us, p99Us}.
import { createRequire } from 'node:module';
import { Agent, request } from 'undici';
import { PurgeCache, closeClient, createTemporaryCredentials } from '../generated/dist/index.js';

const require = createRequire(import.meta.url);
const taskcluster = (await import('taskcluster-client')).default;
const hawk = require('hawk');

const [port, requestsArg, roundsArg] = process.argv.slice(2);
const REQUESTS = Number(requestsArg);
const ROUNDS = Number(roundsArg);
const rootUrl = `http://127.0.0.1:${port}`;
const credentials = { clientId: 'tester', accessToken: 'tester-access-token-SECRET-0123456789abcdef' };
const PATH = '/api/purge-cache/v1/purge-cache/list?limit=5';

const agent = new Agent();
// The limit: undici as-is, one header computed once (a real client must sign every request).
const precomputed = hawk.client.header(`${rootUrl}${PATH}`, 'GET', { credentials: { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' } }).header;
const ours = new PurgeCache({ rootUrl, credentials });
const oursAnonymous = new PurgeCache({ rootUrl });
const official = new taskcluster.PurgeCache({ rootUrl, credentials });

const kinds = {
  limit: async () => (await request(`${rootUrl}${PATH}`, { dispatcher: agent, headers: { authorization: precomputed } })).body.json(),
  ours: () => ours.allPurgeRequests({ limit: '5' }),
  oursNoCredentials: () => oursAnonymous.allPurgeRequests({ limit: '5' }),
  official: () => official.allPurgeRequests({ limit: 5 }),
};

async function round(fn, concurrency) {
  const latencies = new Float64Array(REQUESTS);
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        await fn();
        latencies[i] = (performance.now() - t) * 1000;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort();
  const at = (p) => latencies[Math.min(REQUESTS - 1, Math.floor(p * REQUESTS))];
  return { rps: REQUESTS / seconds, cpuUsPerReq: (used.user + used.system) / REQUESTS, p50Us: at(0.5), p99Us: at(0.99) };
}

const results = {};
for (const concurrency of [1, 16]) {
  for (const fn of Object.values(kinds)) for (let i = 0; i < 200; i++) await fn(); // warm up every path
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round so no kind always runs first or last.
    const names = Object.keys(kinds);
    const order = names.slice(r % names.length).concat(names.slice(0, r % names.length));
    for (const name of order) ((results[`${name}@${concurrency}`] ??= [])).push(await round(kinds[name], concurrency));
  }
}

// Cost of one operation on its own, µs/op (bounded loops).
function perOp(fn, n) {
  for (let i = 0; i < 2000; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1000) / n;
}
const { hawkHeader, hawkTarget } = await import('../generated/dist/runtime/hawk.js');
const target = hawkTarget(new URL(rootUrl));
const now = new Date();
const later = new Date(now.getTime() + 3600_000);
const micro = {
  hawkHeaderOurs: perOp(() => hawkHeader({ ...credentials, method: 'GET', resource: PATH, target, ext: undefined }), 50_000),
  hawkHeaderHawkPackage: perOp(() => hawk.client.header(`${rootUrl}${PATH}`, 'GET', { credentials: { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' } }), 50_000),
  tempCredsOurs: perOp(() => createTemporaryCredentials({ start: now, expiry: later, scopes: ['a:b', 'c:*'], credentials }), 20_000),
  tempCredsOfficial: perOp(() => taskcluster.createTemporaryCredentials({ start: now, expiry: later, scopes: ['a:b', 'c:*'], credentials }), 20_000),
};

await agent.close();
await closeClient(ours);
await closeClient(oursAnonymous);
process.stdout.write(JSON.stringify({ results, micro }) + '\n');
process.exit(0); // the official client keeps its own agent alive
