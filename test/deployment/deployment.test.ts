// The project's own suite against a real Taskcluster v87.1.3 deployment (../shared/taskcluster-services,
// started by .ci/run): the package generated from the v87.1.3 reference, once per run into a temp dir,
// used as an application uses it, each call compared with the official client's on the same
// deployment. Skips, saying how to start the deployment, where its connection JSON is missing
// (TCGEN_DEPLOYMENT, else the launcher's state file); see helpers.ts.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { generate } from '../../generator/generate.ts';
import { generateInto, importDist, officialClient, skipUnlessSnapshot, snapshotDir, type Generated } from '../corpus/helpers.ts';
import { temporaryDir } from '../generator/helpers.ts';
import { authTests } from './auth.ts';
import { CONTENT, Comparer, freshId, type Context } from './compare.ts';
import { errorTests } from './errors.ts';
import { findDeployment, recordingProxy } from './helpers.ts';
import { lifecycleTests } from './lifecycle.ts';
import { serviceTests } from './services.ts';

const found = await findDeployment();
const skip = skipUnlessSnapshot('v87.1.3') || found.skip;
if (skip) console.log(`# ${skip}`);

let context: Context | undefined;
let generated: Generated | undefined;
let contentServer: ReturnType<typeof createServer> | undefined;
const started = Date.now();

before(async () => {
  if (skip) return;
  const deployment = found.deployment!;
  generated = await generateInto({ references: snapshotDir('v87.1.3') });
  const ours = await importDist(generated.out);
  const { tc } = await officialClient();
  const proxy = await recordingProxy(deployment.rootUrl);
  const requests: string[] = [];
  contentServer = createServer((req, res) => {
    requests.push(req.url!);
    if (!req.url!.startsWith('/content/')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(CONTENT);
  });
  await new Promise<void>((resolve) => contentServer!.listen(0, '127.0.0.1', resolve));
  const credentials = { clientId: deployment.clientId, accessToken: deployment.accessToken };
  context = {
    deployment,
    proxy,
    ours,
    theirs: tc,
    cmp: new Comparer({ proxy, ours, theirs: tc, credentials }),
    scratch: generated.out.replace(/\/pkg$/, ''),
    content: { url: `http://127.0.0.1:${(contentServer.address() as AddressInfo).port}`, requests },
    // lower case: task queue ids and index namespaces take it as it is
    run: `r${freshId().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12)}`,
  };
});

after(async () => {
  await context?.cmp.close();
  await context?.proxy.close();
  contentServer?.closeAllConnections();
  contentServer?.close();
  await generated?.cleanup();
  if (!skip) console.log(`# deployment suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

const ctx = (): Context => {
  assert.ok(context, 'the suite was set up');
  return context;
};

authTests(ctx, skip);
lifecycleTests(ctx, skip);
serviceTests(ctx, skip);
errorTests(ctx, skip);

test('traceId: sent as x-taskcluster-trace-id, and the service answers under that trace id', { skip }, async () => {
  const { cmp } = ctx();
  const traceId = (s: { name: string }) => `tcgen-trace-${s.name}`;
  const { ours, theirs } = await cmp.same('queue.ping with traceId', (s) => s.with({ traceId: traceId(s) }).queue.ping(), (v) => ({ ...v, resolved: { ...v.resolved, uptime: typeof v.resolved?.uptime } }));
  for (const [name, side] of [['ours', ours], ['theirs', theirs]] as const) {
    assert.equal(side.requests[0]!.headers['x-taskcluster-trace-id'], traceId({ name }));
    assert.equal(side.requests[0]!.responseHeaders['x-for-trace-id'], traceId({ name }));
  }
});

test('a reference from the running deployment (--root-url), when it serves /references/ and /schemas/', { skip }, async (t) => {
  const { deployment } = ctx();
  const manifest = await fetch(`${deployment.rootUrl}/references/manifest.json`);
  const schema = await fetch(`${deployment.rootUrl}/schemas/queue/v1/task.json`);
  if (manifest.status !== 200 || schema.status !== 200) {
    // The launcher runs no web-server or references service: nothing serves the root's documents.
    t.skip(`${deployment.rootUrl} answers ${manifest.status} for /references/manifest.json and ${schema.status} for /schemas/queue/v1/task.json ` +
      '(the launcher runs no references service): generating with --root-url from it is not possible');
    return;
  }
  const { dir, cleanup } = await temporaryDir('tcgen-deployment-root-url-');
  try {
    const { files } = await generate({ rootUrl: deployment.rootUrl, out: dir });
    assert.ok(files.length > 0);
  } finally {
    await cleanup();
  }
});
