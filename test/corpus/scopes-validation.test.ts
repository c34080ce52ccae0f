// Scopes and validation in a package generated from v87.1.3 (issue 24): requiredScopes gives every
// entry's scope expression exactly as the reference does, satisfiesScopes decides with route
// arguments and lists filled in, and (where the real deployment of /work/shared/taskcluster-services
// runs) a real 403 InsufficientScopes answer becomes an InsufficientScopesError. Opt-in validation
// (`<package>/validation`): an invalid payload never reaches a loopback server that counts requests,
// errors locate the fault in the value and in the schema, invalid responses reject (or warn), and
// validation agrees with the soundness corpus (instances ajv and the types judged) on every entry.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadInput } from '../../generator/load/load.ts';
import { dirSource, generateInto, importDist, modelOf, ROOT, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';
import { bundle, instancesOf, typesOf } from './soundness.ts';

const skip = skipUnlessSnapshot('v87.1.3');
let pkg: Generated | undefined;
let tc: Record<string, any> = {};
let validation: Record<string, any> = {};

before(async () => {
  if (skip !== false) return;
  pkg = await generateInto({ source: dirSource('v87.1.3') });
  // ajv and ajv-formats are the package's optional peer dependencies: an application that validates installs them
  for (const name of ['ajv', 'ajv-formats']) await symlink(path.join(ROOT, 'node_modules', name), path.join(pkg.out, 'node_modules', name), 'dir');
  tc = await importDist(pkg.out);
  validation = await importDist(pkg.out, 'validation.js');
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

test('the real secrets service\'s 403 for a client without scopes becomes an InsufficientScopesError (read-only call)', { skip: skip || noDeployment }, async (t) => {
  const connection = JSON.parse(readFileSync(CONNECTION, 'utf8')) as { rootUrl: string; noScopesClient: { clientId: string; accessToken: string } };
  // the connection file outlives a stopped deployment: skip, saying so, when its secrets service does not answer
  const up = await fetch(`${connection.rootUrl}/api/secrets/v1/ping`, { signal: AbortSignal.timeout(5000) }).then((res) => res.ok, () => false);
  if (!up) return t.skip(`the real deployment of ${CONNECTION} does not answer at ${connection.rootUrl}: skipped`);
  const secrets = new tc.Secrets({ rootUrl: connection.rootUrl, credentials: connection.noScopesClient, retries: 0 });
  const error = await secrets.get('project/tcgen-issue-24/none').then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof tc.InsufficientScopesError, String(error));
  assert.equal(error.clientId, connection.noScopesClient.clientId);
  assert.deepEqual(error.missingScopes, ['secrets:get:project/tcgen-issue-24/none']);
  assert.equal(error.required, 'secrets:get:project/tcgen-issue-24/none');
  assert.equal(error.message.split('\n')[1], '  secrets:get:project/tcgen-issue-24/none');
  tc.closeClient(secrets);
});

/** A loopback server answering every request with `answer`, counting the requests. */
async function countingServer(answer: (path: string) => { status: number; body: unknown }): Promise<{ rootUrl: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    req.resume().on('end', () => {
      const { status, body } = answer(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { rootUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const TASK = {
  taskQueueId: 'proj-example/ci', created: '2030-01-01T00:00:00.000Z', deadline: '2030-01-01T01:00:00.000Z', payload: {},
  metadata: { name: 'n', description: 'd', owner: 'dev@example.com', source: 'https://example.com/ci' },
};
const STATUS = { status: { taskId: 'fN1SbArXTPSVFNUvaOlinQ', provisionerId: 'proj-example', workerType: 'ci', taskQueueId: 'proj-example/ci', schedulerId: '-', projectId: 'none', taskGroupId: 'fN1SbArXTPSVFNUvaOlinQ', deadline: '2030-01-01T01:00:00.000Z', expires: '2030-01-02T01:00:00.000Z', retriesLeft: 5, state: 'pending', runs: [] } };

test('validation: an invalid payload never reaches the network; the error names method, value pointer, keyword and schema URL with pointer', { skip }, async (t) => {
  const server = await countingServer(() => ({ status: 200, body: STATUS }));
  t.after(() => server.close());
  const queue = new tc.Queue({ rootUrl: server.rootUrl, retries: 0, validate: validation.schemaValidation() });
  t.after(() => tc.closeClient(queue));
  const error = await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', { ...TASK, metadata: { ...TASK.metadata, source: 7 } }).then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof validation.SchemaValidationError, String(error));
  assert.equal(server.count(), 0, 'nothing was sent');
  assert.equal(error.method, 'queue.createTask');
  assert.equal(error.direction, 'request');
  assert.deepEqual(error.violations, [{ pointer: '/metadata/source', keyword: 'type', message: 'must be string', schemaUrl: `${server.rootUrl}/schemas/queue/v1/task-metadata.json#/properties/source/type` }]);
  assert.match(error.message, /^queue\.createTask: the payload does not match the input schema \(nothing was sent\):\n {2}\/metadata\/source: type: must be string \(http:.*task-metadata\.json#\/properties\/source\/type\)$/);
  // a format, and a required property missing (pointer of the object that lacks it)
  const format = await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', { ...TASK, created: 'yesterday' }).catch((e: any) => e.violations);
  assert.deepEqual(format.map((v: any) => [v.pointer, v.keyword, v.schemaUrl.slice(server.rootUrl.length)]), [['/created', 'format', '/schemas/queue/v1/create-task-request.json#/properties/created/format']]);
  const { metadata: _, ...noMetadata } = TASK;
  const missing = await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', noMetadata).catch((e: any) => e.violations);
  assert.deepEqual(missing.map((v: any) => [v.pointer, v.keyword]), [['', 'required']]);
  assert.equal(server.count(), 0);
  // valid: sent once, the answer checked and returned
  assert.deepEqual(await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', TASK), STATUS);
  assert.equal(server.count(), 1);
  // per call: off for one call of a validating client, on for one call of a plain client
  await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', { ...TASK, created: 'yesterday' }, { validate: false });
  assert.equal(server.count(), 2);
  const plain = new tc.Queue({ rootUrl: server.rootUrl, retries: 0 });
  t.after(() => tc.closeClient(plain));
  await assert.rejects(plain.createTask('fN1SbArXTPSVFNUvaOlinQ', { ...TASK, created: 'yesterday' }, { validate: validation.schemaValidation() }), validation.SchemaValidationError);
  assert.equal(server.count(), 2);
});

test('validation: an invalid response rejects by default; with responses: "warn" it resolves and warns', { skip }, async (t) => {
  const bad = { status: { ...STATUS.status, state: 'sleeping' } };
  const server = await countingServer(() => ({ status: 200, body: bad }));
  t.after(() => server.close());
  const strict = new tc.Queue({ rootUrl: server.rootUrl, retries: 0, validate: validation.schemaValidation() });
  const error = await strict.status('fN1SbArXTPSVFNUvaOlinQ').then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof validation.SchemaValidationError);
  assert.equal(error.direction, 'response');
  assert.deepEqual(error.violations.map((v: any) => [v.pointer, v.keyword, v.schemaUrl.slice(server.rootUrl.length)]), [['/status/state', 'enum', '/schemas/queue/v1/task-status.json#/properties/state/enum']]);
  const warnings: unknown[] = [];
  const lenient = new tc.Queue({ rootUrl: server.rootUrl, retries: 0, validate: validation.schemaValidation({ responses: 'warn', onWarning: (e: unknown) => warnings.push(e) }) });
  assert.deepEqual(await lenient.status('fN1SbArXTPSVFNUvaOlinQ'), bad);
  assert.equal(warnings.length, 1);
  assert.ok(warnings[0] instanceof validation.SchemaValidationError);
  tc.closeClient(strict);
  tc.closeClient(lenient);
});

test('validation agrees with the types on the soundness corpus: every valid instance of every entry input and output passes, every invalid one fails', { skip }, async (t) => {
  const source = dirSource('v87.1.3');
  const input = await loadInput(source);
  const model = await modelOf(source);
  const schemas = bundle(input);
  const check = validation.schemaValidation();
  // the roots: each entry's input and output type, with the entry that names it
  const roots: Array<{ service: string; entry: any; direction: 'input' | 'output'; typeName: string }> = [];
  for (const service of model.services) {
    for (const entry of service.api?.entries ?? []) {
      if (entry.inputType) roots.push({ service: service.serviceName, entry, direction: 'input', typeName: entry.inputType });
      if (entry.outputType && entry.output !== 'blob') roots.push({ service: service.serviceName, entry, direction: 'output', typeName: entry.outputType });
    }
  }
  const all = typesOf('v87.1.3', model, schemas);
  const byName = (service: string, name: string) => all.find((type) => type.service === service && type.name === name);
  const types = [...new Set(roots.map((root) => byName(root.service, root.typeName)).filter((type) => type !== undefined))];
  const instances = await instancesOf(types, schemas, { seed: 20261207, samples: 1, validPerType: 3, invalidPerKind: 1 });
  let valid = 0;
  let invalid = 0;
  const disagreements: string[] = [];
  for (const root of roots) {
    const type = byName(root.service, root.typeName);
    const context = { serviceName: root.service, entry: { name: root.entry.name }, rootUrl: 'https://tc.example.com' };
    for (const instance of instances.filter((i) => i.type === type)) {
      const passed = root.direction === 'input' ? await check.checkRequest(context, instance.value).then(() => true, () => false) : await check.checkResponse(context, instance.value).then(() => true, () => false);
      if (instance.invalid === undefined) valid++;
      else invalid++;
      if (passed !== (instance.invalid === undefined)) disagreements.push(`${root.service}.${root.entry.name} ${root.direction} (${instance.invalid ?? 'valid'}): ${JSON.stringify(instance.value).slice(0, 200)}`);
    }
  }
  t.diagnostic(`${roots.length} entry inputs and outputs, ${types.length} types: ${valid} valid and ${invalid} invalid instances checked`);
  assert.deepEqual(disagreements.slice(0, 10), []);
  assert.ok(valid > roots.length && invalid > 50);
});
