// Issue 24's costs, against the same package without this work (the base commit's generator,
// unpacked with `git archive`, run with this checkout's node_modules): the PurgeCache and Queue
// browser bundles and the import of one service with validation off (unchanged is the target),
// and the cost of a call with validation on (first call: ajv and the service's schemas load;
// then per call), against the same calls without, on a loopback server.
// Run: `npx tsx bench/validation.ts [base-commit]`; prints markdown for bench/RESULTS-validation.md.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleSize } from './bundle.ts';
import { median, REFERENCES, ROOT, runNode, SCRATCH, spread } from './stats.ts';

const BASE = process.argv[2] ?? '5b14e53';
const dir = path.join(SCRATCH, 'validation');

/** Generates v87.1.3 with the generator of `checkout` (a directory with generator/ and templates/) into `<into>/node_modules/@tcgen/taskcluster-client`. */
function generateWith(checkout: string, into: string): string {
  const out = path.join(into, 'node_modules', '@tcgen', 'taskcluster-client');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(checkout, 'generator', 'cli.ts'), 'generate', '--references', REFERENCES, '--out', out], { cwd: checkout, stdio: 'ignore' });
  return out;
}

async function main(): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const base = path.join(dir, 'base-checkout');
  await mkdir(base, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${BASE} | tar -x -C ${base}`], { cwd: ROOT });
  await symlink(path.join(ROOT, 'node_modules'), path.join(base, 'node_modules'), 'dir');
  const packages = { base: generateWith(base, path.join(dir, 'base')), ours: generateWith(ROOT, path.join(dir, 'ours')) };
  for (const name of ['ajv', 'ajv-formats', 'undici']) await symlink(path.join(ROOT, 'node_modules', name), path.join(dir, 'ours', 'node_modules', name), 'dir');

  const lines = [`Machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, Node ${process.version}; base ${BASE} vs this branch, v87.1.3.`, ''];
  lines.push('| bundle (esbuild, minify, browser; validation off) | base gzip B | ours gzip B | ours − base | runtime modules only in ours |', '|---|---:|---:|---:|---|');
  for (const [label, entry] of [
    ['PurgeCache alone', "export { PurgeCache } from '@tcgen/taskcluster-client/purge-cache';"],
    ['Queue alone', "export { Queue } from '@tcgen/taskcluster-client/queue';"],
  ] as const) {
    const [a, b] = [await bundleSize(path.join(dir, 'base'), label, entry), await bundleSize(path.join(dir, 'ours'), label, entry)];
    lines.push(`| ${label} | ${a.gzipBytes} | ${b.gzipBytes} | ${b.gzipBytes - a.gzipBytes} | ${b.runtime.filter((m) => !a.runtime.includes(m)).join(', ') || 'none'} |`);
    if (b.runtime.includes('validation')) throw new Error('validation is in a bundle without validation');
  }
  const withValidation = await bundleSize(path.join(dir, 'ours'), 'with validation', "export { PurgeCache } from '@tcgen/taskcluster-client/purge-cache'; export { schemaValidation } from '@tcgen/taskcluster-client/validation';");
  lines.push(`| PurgeCache + \`schemaValidation\` (ajv and schemas load lazily: split out by a bundler that splits, inlined here) | | ${withValidation.gzipBytes} | | |`);

  const runs = 9;
  const importOf = (pkg: string) => `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(path.join(pkg, 'dist', 'services', 'purge-cache.js')).href)}); if (!m.PurgeCache) throw 0; console.log(performance.now() - t);`;
  const times: Record<string, number[]> = { base: [], ours: [] };
  for (let i = 0; i < runs; i++) {
    for (const key of ['base', 'ours'] as const) times[key]!.push(Number((await runNode(['--input-type=module', '-e', importOf(packages[key])], { cwd: ROOT })).stdout.trim()));
  }
  lines.push('', `| import of dist/services/purge-cache.js (validation off), ${runs} fresh processes, interleaved | ms median (min–max) |`, '|---|---:|');
  lines.push(`| base | ${spread(times.base!, 1)} |`, `| ours | ${spread(times.ours!, 1)} |`);

  // Per-call cost: queue.createTask (its payload and its answer validated) on a loopback server, with and without validation.
  const status = { status: { taskId: 'fN1SbArXTPSVFNUvaOlinQ', provisionerId: 'p', workerType: 'q', taskQueueId: 'p/q', schedulerId: '-', projectId: 'none', taskGroupId: 'fN1SbArXTPSVFNUvaOlinQ', deadline: '2030-01-01T01:00:00.000Z', expires: '2030-01-02T01:00:00.000Z', retriesLeft: 5, state: 'pending', runs: [] } };
  const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(status))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tc = await import(pathToFileURL(path.join(packages.ours, 'dist', 'index.js')).href);
  const { schemaValidation } = await import(pathToFileURL(path.join(packages.ours, 'dist', 'validation.js')).href);
  const plain = new tc.Queue({ rootUrl, retries: 0 });
  const checked = new tc.Queue({ rootUrl, retries: 0, validate: schemaValidation() });
  const task = { taskQueueId: 'p/q', created: '2030-01-01T00:00:00.000Z', deadline: '2030-01-01T01:00:00.000Z', payload: {}, metadata: { name: 'n', description: 'd', owner: 'o@example.com', source: 'https://example.com' } };
  const call = (client: any) => client.createTask('fN1SbArXTPSVFNUvaOlinQ', task).catch(() => undefined);
  let start = performance.now();
  await call(checked);
  const firstMs = performance.now() - start;
  const perCall: Record<string, number[]> = { plain: [], checked: [] };
  for (let round = 0; round < 7; round++) {
    for (const [key, client] of [['plain', plain], ['checked', checked]] as const) {
      start = performance.now();
      for (let i = 0; i < 300; i++) await call(client);
      perCall[key]!.push(((performance.now() - start) / 300) * 1000);
    }
  }
  const invalid = { ...task, created: 'yesterday' };
  start = performance.now();
  for (let i = 0; i < 1000; i++) await checked.createTask('x', invalid).catch(() => undefined);
  const refusedUs = ((performance.now() - start) / 1000) * 1000;
  // The validation alone, in process: checkRequest of the same payload and checkResponse of the same answer.
  const validation = schemaValidation();
  const context = { serviceName: 'queue', entry: { name: 'createTask' }, rootUrl };
  await validation.checkRequest(context, task);
  start = performance.now();
  for (let i = 0; i < 10000; i++) {
    await validation.checkRequest(context, task);
    await validation.checkResponse(context, status);
  }
  const checkUs = ((performance.now() - start) / 10000) * 1000;
  server.close();
  await tc.closeClient(plain);
  await tc.closeClient(checked);
  lines.push('', '| queue.createTask on loopback (payload and answer validated) | µs per call, median of 7 × 300 |', '|---|---:|');
  lines.push(`| validation off | ${median(perCall.plain!).toFixed(0)} |`, `| validation on | ${median(perCall.checked!).toFixed(0)} |`);
  lines.push(`| validation on, first call (loads ajv, ajv-formats and the queue's schemas, compiles) | ${(firstMs * 1000).toFixed(0)} |`, `| an invalid payload, refused before sending | ${refusedUs.toFixed(0)} |`, `| checkRequest + checkResponse alone, in process (10 000 ×) | ${checkUs.toFixed(1)} |`);
  console.log(lines.join('\n'));
  await rm(dir, { recursive: true, force: true });
}

await main();
