// Scopes and validation in a package generated from v87.1.3 (issue 24): requiredScopes gives every
// entry's scope expression exactly as the reference does, satisfiesScopes decides with route
// arguments and lists filled in, and (where the real deployment of /work/shared/taskcluster-services
// runs) a real 403 InsufficientScopes answer becomes an InsufficientScopesError.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { dirSource, generateInto, importDist, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';

const skip = skipUnlessSnapshot('v87.1.3');
let pkg: Generated | undefined;
let tc: Record<string, any> = {};

before(async () => {
  if (skip !== false) return;
  pkg = await generateInto({ source: dirSource('v87.1.3') });
  tc = await importDist(pkg.out);
});
after(() => pkg?.cleanup());

test('requiredScopes(client.method) is the reference entry\'s scope expression, exactly, for every entry of every service', { skip }, async () => {
  const manifest = JSON.parse(await readFile(path.join(snapshotDir('v87.1.3'), 'references', 'manifest.json'), 'utf8')) as { references: string[] };
  let entries = 0;
  let withScopes = 0;
  for (const reference of manifest.references.filter((r) => r.endsWith('/api.json'))) {
    const api = JSON.parse(await readFile(path.join(snapshotDir('v87.1.3'), reference), 'utf8')) as { serviceName: string; entries: Array<{ name: string; scopes?: unknown }> };
    const Class = tc[api.serviceName.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())];
    assert.ok(Class, `a class for ${api.serviceName}`);
    const client = new Class({ rootUrl: 'https://tc.example.com' });
    for (const entry of api.entries) {
      entries++;
      if (entry.scopes !== undefined) withScopes++;
      assert.deepEqual(tc.requiredScopes(client[entry.name]), entry.scopes, `${api.serviceName}.${entry.name}`);
    }
  }
  assert.ok(entries > 150 && withScopes > 100, `${entries} entries, ${withScopes} with scopes`);
  assert.throws(() => tc.requiredScopes(() => Promise.resolve()), TypeError);
});

test('satisfiesScopes with queue.createTask\'s real expression: params from the task decide it; without them it is undecidable', { skip }, () => {
  const queue = new tc.Queue({ rootUrl: 'https://tc.example.com' });
  const expression = tc.requiredScopes(queue.createTask);
  // the parameters the queue renders it with (services/queue/src/api.js: the task's fields, `priorities` the levels at or above its priority)
  const params = { provisionerId: 'proj-example', workerType: 'ci', schedulerId: 'taskcluster-ui', priorities: ['lowest', 'very-low'], projectId: 'example', scopes: ['secrets:get:project/example/ci'], routes: ['index.project.example.latest'] };
  const granted = ['queue:create-task:lowest:proj-example/*', 'queue:scheduler-id:taskcluster-ui', 'queue:route:index.project.example.*', 'secrets:get:project/example/*', 'queue:create-task:project:example'];
  const verdict = tc.satisfiesScopes(granted, expression, params);
  assert.deepEqual(verdict, { satisfied: true }, JSON.stringify(expression));
  const without = tc.satisfiesScopes(granted.filter((s: string) => !s.startsWith('secrets:')), expression, params);
  assert.equal(without.satisfied, false);
  assert.deepEqual(tc.satisfiesScopes(granted, expression, { ...params, scopes: undefined }).satisfied, 'undecidable');
});

const CONNECTION = process.env.TCGEN_REAL_CONNECTION ?? '/tmp/tcreal/state/connection.json';
const noDeployment = existsSync(CONNECTION) ? false : `no real deployment (${CONNECTION} missing; /work/shared/taskcluster-services starts one): skipped`;

test('the real secrets service\'s 403 for a client without scopes becomes an InsufficientScopesError (read-only call)', { skip: skip || noDeployment }, async () => {
  const connection = JSON.parse(readFileSync(CONNECTION, 'utf8')) as { rootUrl: string; noScopesClient: { clientId: string; accessToken: string } };
  const secrets = new tc.Secrets({ rootUrl: connection.rootUrl, credentials: connection.noScopesClient, retries: 0 });
  const error = await secrets.get('project/tcgen-issue-24/none').then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof tc.InsufficientScopesError, String(error));
  assert.equal(error.clientId, connection.noScopesClient.clientId);
  assert.deepEqual(error.missingScopes, ['secrets:get:project/tcgen-issue-24/none']);
  assert.equal(error.required, 'secrets:get:project/tcgen-issue-24/none');
  assert.equal(error.message.split('\n')[1], '  secrets:get:project/tcgen-issue-24/none');
  tc.closeClient(secrets);
});
