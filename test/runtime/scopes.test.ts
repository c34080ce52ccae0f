// Scope expressions (issue 24): satisfiesScopes agrees with Taskcluster's own library
// (taskcluster-lib-scopes 11.0.0, run here as the oracle) on random expressions and scope sets;
// templates render as the services render them (vectors from taskcluster/taskcluster
// libraries/api/test/expressions_test.js, v87.1.3); unfilled parameters are undecidable unless
// the verdict holds for every value; a 403 InsufficientScopes answer, in the shape the services
// send, rejects with an InsufficientScopesError.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { fakeClient, InsufficientScopesError, renderScopes, requiredScopes, satisfiesScopes, scopeParams, type ScopeExpression } from '../../templates/runtime/index.ts';
import { CREDS, PurgeCache, startServer } from './helpers.ts';

const libScopes = createRequire(import.meta.url)('taskcluster-lib-scopes') as {
  satisfiesExpression(scopes: string[], expression: ScopeExpression): boolean;
  removeGivenScopes(scopes: string[], expression: ScopeExpression): ScopeExpression | null;
};

// Few, overlapping words so that random scopes and expressions often match (with and without `*`).
const word = fc.constantFrom('a', 'b', 'ab', 'queue', 'queue:', 'queue:create-task', 'x:y');
const scope = fc.tuple(fc.array(word, { minLength: 0, maxLength: 3 }), fc.boolean()).map(([words, star]) => words.join(':') + (star ? '*' : ''));
const { expression } = fc.letrec<{ expression: ScopeExpression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scope,
    fc.array(tie('expression'), { maxLength: 4 }).map((AllOf) => ({ AllOf })),
    fc.array(tie('expression'), { maxLength: 4 }).map((AnyOf) => ({ AnyOf })),
  ),
}));

test('satisfiesScopes and its `missing` agree with taskcluster-lib-scopes (satisfiesExpression, removeGivenScopes) on random expressions', () => {
  fc.assert(
    fc.property(fc.array(scope, { maxLength: 5 }), expression, (scopes, expr) => {
      const verdict = satisfiesScopes(scopes, expr);
      assert.equal(verdict.satisfied, libScopes.satisfiesExpression(scopes, expr));
      if (verdict.satisfied === false) assert.deepEqual(verdict.missing, libScopes.removeGivenScopes(scopes, expr) ?? { AnyOf: [] });
    }),
    { seed: 20261207, numRuns: 3000 },
  );
});

test('the library cases: star expansion, AnyOf inside AllOf, empty AnyOf and AllOf', () => {
  const cases: Array<[string[], ScopeExpression]> = [
    [['queue:*'], 'queue:create-task:highest:proj/ci'],
    [['queue:create-task:*'], 'queue:create-task'],
    [['queue:create-task*'], 'queue:create-task'],
    [['*'], { AllOf: ['a', { AnyOf: ['b', 'c'] }] }],
    [['a', 'c'], { AllOf: ['a', { AnyOf: ['b', 'c'] }] }],
    [['a'], { AllOf: ['a', { AnyOf: ['b', 'c'] }] }],
    [['a'], { AnyOf: [] }],
    [[], { AllOf: [] }],
    [['a*'], 'a*'],
    [['a'], 'a*'],
  ];
  const verdicts = cases.map(([scopes, expr]) => satisfiesScopes(scopes, expr).satisfied);
  assert.deepEqual(verdicts, cases.map(([scopes, expr]) => libScopes.satisfiesExpression(scopes, expr)));
  assert.deepEqual(verdicts, [true, false, true, true, true, false, false, true, true, false]);
  assert.deepEqual(satisfiesScopes(['a'], { AllOf: ['a', { AnyOf: ['b', 'c'] }] }), { satisfied: false, missing: { AnyOf: ['b', 'c'] } });
});

test('templates render as the services render them (libraries/api expressions_test.js vectors)', () => {
  const ok: Array<[unknown, Record<string, unknown>, unknown]> = [
    [{ AnyOf: [] }, {}, { AnyOf: [] }],
    [{ AllOf: [] }, {}, { AllOf: [] }],
    [{ AllOf: ['abc:<foo>'] }, { foo: 'hi' }, { AllOf: ['abc:hi'] }],
    [{ AllOf: ['abc:<foo>:<bar>'] }, { foo: 'hi', bar: 'bye' }, { AllOf: ['abc:hi:bye'] }],
    [{ AllOf: ['abc:<foo>:<bar>:<baz>'] }, { foo: 'hi', bar: 'bye', baz: 'bing' }, { AllOf: ['abc:hi:bye:bing'] }],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: false }, null],
    [{ if: 'foo', then: { AllOf: ['bar'] }, else: 'test' }, { foo: false }, 'test'],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: true }, { AllOf: ['bar'] }],
    [{ if: 'foo', then: { AllOf: ['bar:<baz>'] } }, { foo: true, baz: 'hi' }, { AllOf: ['bar:hi'] }],
    [{ AllOf: [{ for: 'foo', in: 'bar', each: 'aa:<foo>' }] }, { bar: ['aaa', 'bbb'] }, { AllOf: ['aa:aaa', 'aa:bbb'] }],
    [{ AllOf: [{ for: 'foo', in: 'bar', each: 'aa:<foo>:<b>' }] }, { bar: ['aaa', 'bbb'], b: 'q' }, { AllOf: ['aa:aaa:q', 'aa:bbb:q'] }],
    [{ AnyOf: ['abc:<foo>'] }, { foo: 9 }, { AnyOf: ['abc:9'] }],
  ];
  for (const [template, params, expected] of ok) assert.deepEqual(renderScopes(template as never, params as never), expected, JSON.stringify(template));
  const failing: Array<[unknown, Record<string, unknown>]> = [
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: 'abc' }],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: 0 }],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: 1 }],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: 1.4 }],
    [{ if: 'foo', then: { AllOf: ['bar'] } }, { foo: new Date() }],
    [{ AllOf: [{ for: 'foo', in: 'bar', each: 'aa:<foo>' }] }, { bar: 'a' }],
    [{ AllOf: [{ for: 'foo', in: 'bar', each: 'aa:<fox>' }] }, { bar: ['a'] }],
  ];
  for (const [template, params] of failing) assert.throws(() => renderScopes(template as never, params as never), TypeError, JSON.stringify([template, params]));
});

test('parameters: route args and for/each lists fill the template; an unfilled <param> is undecidable unless every value gives the same verdict', () => {
  // queue.createTask's expression in v87.1.3 (abridged): scopes for each of the task's scopes, and its queue
  const createTask = { AllOf: [{ for: 'scope', in: 'scopes', each: '<scope>' }, 'queue:create-task:<priority>:<taskQueueId>'] };
  const params = { scopes: ['secrets:get:proj/ci'], priority: 'lowest', taskQueueId: 'proj/ci' };
  assert.deepEqual(satisfiesScopes(['queue:create-task:lowest:proj/*', 'secrets:get:proj/*'], createTask, params), { satisfied: true });
  assert.deepEqual(satisfiesScopes(['queue:create-task:lowest:proj/*'], createTask, params), { satisfied: false, missing: 'secrets:get:proj/ci' });
  assert.deepEqual(satisfiesScopes(['queue:create-task:lowest:proj/*'], createTask, { ...params, scopes: [] }), { satisfied: true });
  // unfilled: undecidable, naming what is missing
  assert.deepEqual(satisfiesScopes(['queue:create-task:lowest:proj/*'], createTask, { priority: 'lowest' }), { satisfied: 'undecidable', unfilled: ['scopes', 'taskQueueId'] });
  assert.deepEqual(satisfiesScopes([], 'purge-cache:<workerPoolId>:<cacheName>', { workerPoolId: 'proj/w' }), { satisfied: 'undecidable', unfilled: ['cacheName'] });
  // …decided only where no value could change it: a satisfied AnyOf branch, a missing AllOf scope, a star before the first <param>
  assert.deepEqual(satisfiesScopes(['a'], { AnyOf: ['a', 'b:<x>'] }), { satisfied: true });
  assert.deepEqual(satisfiesScopes([], { AllOf: ['a', 'b:<x>'] }).satisfied, false);
  assert.deepEqual(satisfiesScopes(['purge-cache:proj/*'], 'purge-cache:proj/<rest>:<cacheName>'), { satisfied: true });
  assert.deepEqual(satisfiesScopes(['*'], createTask), { satisfied: true });
  assert.deepEqual(satisfiesScopes([], { if: 'private', then: 'queue:get-artifact:<name>' }), { satisfied: 'undecidable', unfilled: ['name', 'private'] });
  assert.deepEqual(satisfiesScopes([], { if: 'private', then: 'queue:get-artifact:<name>' }, { private: false }), { satisfied: true });
  assert.throws(() => satisfiesScopes([], 'a:<x>', { x: true }), TypeError);
});

/**
 * The 403 answer as Taskcluster's services write it (libraries/api/src/middleware/auth.js and
 * express-error.js): details interpolated into the message, a string as it is, an object as JSON.
 */
function insufficientScopesBody(clientId: string | undefined, unsatisfied: ScopeExpression, required: ScopeExpression) {
  const text = (value: ScopeExpression) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  const head = clientId
    ? [`Client ID ${clientId} does not have sufficient scopes and is missing the following scopes:`, '', '```', text(unsatisfied), '```', '', 'This request requires the client to satisfy the following scope expression:']
    : ['This request requires Taskcluster credentials that satisfy the following scope expression:'];
  const message = [...head, '', '```', text(required), '```'].join('\n') + '\n\n---\n\n* method:     purgeCache\n* errorCode:  InsufficientScopes\n* statusCode: 403\n* time:       2026-12-07T22:01:08.125Z';
  return { code: 'InsufficientScopes', message, requestInfo: { method: 'purgeCache', params: { workerPoolId: 'proj/w' }, payload: {}, time: '2026-12-07T22:01:08.125Z' } };
}

test('a 403 InsufficientScopes rejects with InsufficientScopesError: required, missing (parsed from the answer), client ID; one missing scope per line', async (t) => {
  const required = { AllOf: ['purge-cache:proj/w:c1', { AnyOf: ['purge-cache:admin', 'purge-cache:proj/*'] }] };
  const missing = { AllOf: ['purge-cache:proj/w:c1', { AnyOf: ['purge-cache:admin', 'purge-cache:proj/*'] }] };
  const server = await startServer((req, res) => {
    const body = insufficientScopesBody(req.headers.authorization ? CREDS.clientId : undefined, missing, required);
    res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  t.after(() => server.close());
  const client = new PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, retries: 0 });
  const error = await client.purgeCache('proj/w', { cacheName: 'c1' }).then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof InsufficientScopesError);
  assert.equal(error.statusCode, 403);
  assert.equal(error.code, 'InsufficientScopes');
  assert.equal(error.clientId, 'tester');
  assert.deepEqual(error.required, required);
  assert.deepEqual(error.missing, missing);
  assert.deepEqual(error.missingScopes, ['purge-cache:proj/w:c1', 'purge-cache:admin', 'purge-cache:proj/*']);
  assert.equal(error.message.split('\n').slice(1).join('\n'), ['  purge-cache:proj/w:c1', '  one of:', '    purge-cache:admin', '    purge-cache:proj/*'].join('\n'));
  assert.match(error.message, /^purgeCache \(POST http:\/\/.*\/api\/purge-cache\/v1\/purge-cache\/proj%2Fw\): client tester is missing these scopes:/);
  // without credentials: no missing scopes, the required expression (a plain scope is sent as it is)
  const anonymous = new PurgeCache({ rootUrl: server.rootUrl, retries: 0 });
  const bare = await anonymous.purgeCache('proj/w', { cacheName: 'c1' }).then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(bare instanceof InsufficientScopesError);
  assert.equal(bare.clientId, undefined);
  assert.equal(bare.missing, undefined);
  assert.deepEqual(bare.missingScopes, []);
  assert.deepEqual(bare.required, required);
});

test('requiredScopes and scopeParams on a client, a derived one and a fakeClient; route arguments fill the template', () => {
  const client = new PurgeCache({ rootUrl: 'https://tc.example.com' });
  assert.equal(requiredScopes(client.purgeCache), 'purge-cache:<workerPoolId>:<cacheName>');
  assert.equal(requiredScopes(client.use({ retries: 1 }).purgeRequests), 'purge-cache:purge-requests::<workerPoolId>');
  assert.equal(requiredScopes(client.ping), undefined);
  const { client: fake } = fakeClient(PurgeCache, { purgeCache: async () => undefined });
  assert.equal(requiredScopes(fake.purgeCache), 'purge-cache:<workerPoolId>:<cacheName>');
  const params = scopeParams(client.purgeCache, 'proj/w');
  assert.deepEqual(params, { workerPoolId: 'proj/w' });
  assert.deepEqual(satisfiesScopes(['purge-cache:proj/w:*'], requiredScopes(client.purgeCache)!, params), { satisfied: true });
  assert.deepEqual(satisfiesScopes(['purge-cache:proj/w:c1'], requiredScopes(client.purgeCache)!, params), { satisfied: 'undecidable', unfilled: ['cacheName'] });
  assert.deepEqual(satisfiesScopes(['purge-cache:proj/w:c1'], requiredScopes(client.purgeCache)!, { ...params, cacheName: 'c1' }), { satisfied: true });
  assert.throws(() => requiredScopes((() => Promise.resolve()) as never), TypeError);
  assert.throws(() => scopeParams(client.purgeCache, 'a', 'b'), TypeError);
});

test("the 403 message keeps an AllOf inside an AnyOf together (queue.cancelTask's shape): 'all of:' under 'one of:'", async (t) => {
  const missing = { AnyOf: ['queue:cancel-task:sched/group/task', { AllOf: ['queue:cancel-task', 'assume:scheduler-id:sched/group'] }] };
  const server = await startServer((req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(insufficientScopesBody(CREDS.clientId, missing, missing)));
  });
  t.after(() => server.close());
  const client = new PurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, retries: 0 });
  const error = await client.purgeCache('proj/w', { cacheName: 'c1' }).then(() => assert.fail('resolved'), (e: unknown) => e);
  assert.ok(error instanceof InsufficientScopesError);
  assert.deepEqual(error.missing, missing);
  assert.equal(
    error.message.split('\n').slice(1).join('\n'),
    ['  one of:', '    queue:cancel-task:sched/group/task', '    all of:', '      queue:cancel-task', '      assume:scheduler-id:sched/group'].join('\n'),
  );
});
