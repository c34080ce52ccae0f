// Auth against the real auth service: permanent, temporary (unnamed and named) credentials and
// authorizedScopes, each side making its own certificate with its own library; 403 with what
// the service says is missing; 401 for a wrong access token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeScopeSets } from '../corpus/object-fakes.ts';
import type { Context, Side } from './compare.ts';

export function authTests(context: () => Context, skip: string | false): void {
  describe('auth', () => {
    /** Temporary credentials made by the side's own library (ours: the runtime; theirs: taskcluster-client). */
    const temporary = (side: Side, scopes: string[], clientId?: string) => {
      const { ours, theirs, deployment } = context();
      const make = side.name === 'ours' ? ours['createTemporaryCredentials'] : theirs['createTemporaryCredentials'];
      const now = Date.now();
      return make({
        ...(clientId ? { clientId } : {}),
        // the auth service refuses a start in the future; a minute back allows for clock steps
        start: new Date(now - 60_000),
        expiry: new Date(now + 3_600_000),
        scopes,
        credentials: { clientId: deployment.clientId, accessToken: deployment.accessToken },
      });
    };
    const SCOPES = ['auth:current-scopes', 'queue:get-task:tcgen-test-*', 'secrets:get:tcgen-test/*'];
    /** What the anonymous role grants: every caller has it too (auth's signaturevalidator.js adds `assume:anonymous`). */
    let anonymous: string[] = [];

    test('no credentials: the anonymous role\'s scopes', { skip }, async () => {
      const { cmp } = context();
      const answer = (await cmp.resolved('auth.currentScopes (unsigned)', (s) => s.with({ credentials: undefined }).auth.currentScopes())) as { scopes: string[] };
      anonymous = answer.scopes;
      assert.ok(anonymous.includes('assume:anonymous'), anonymous.join(' '));
      // the fakes' scope-set merge (test/corpus/object-fakes.ts) orders and reduces a set as the service does
      assert.deepEqual(mergeScopeSets(anonymous, []), anonymous);
    });

    test('permanent credentials: currentScopes and a signed call', { skip }, async () => {
      const { cmp } = context();
      assert.deepEqual(await cmp.resolved('auth.currentScopes (root)', (s) => s.auth.currentScopes()), { scopes: ['*'] });
      const client = await cmp.resolved('auth.client (the no-scopes client)', (s) => s.auth.client(context().deployment.noScopesClient.clientId), (v) => v);
      assert.equal((client as { clientId: string }).clientId, context().deployment.noScopesClient.clientId);
    });

    test('unnamed temporary credentials: currentScopes is exactly the certificate\'s scopes, with the anonymous role\'s', { skip }, async () => {
      const { cmp } = context();
      const scopes = await cmp.resolved('auth.currentScopes (unnamed temporary)', (s) => s.with({ credentials: temporary(s, SCOPES) }).auth.currentScopes());
      // the certificate's scopes, and the anonymous role's (queue:get-task:* there covers queue:get-task:tcgen-test-*)
      assert.deepEqual(scopes, { scopes: mergeScopeSets(SCOPES, anonymous) });
      assert.ok(!(scopes as { scopes: string[] }).scopes.includes('queue:get-task:tcgen-test-*'));
    });

    test('named temporary credentials: the name is the clientId the service sees', { skip }, async () => {
      const { cmp, run } = context();
      const name = (s: Side) => s.known(`named-${s.name}`, `tcgen-test/${run}/${s.name}-named`);
      // the service names the caller in its 403 message: the named clientId, not the issuer
      const { ours, theirs } = await cmp.same('secrets.get outside the named certificate', (s) =>
        s.with({ credentials: temporary(s, SCOPES, name(s)) }).secrets.get(`other/${run}`), (v) => JSON.parse(JSON.stringify(v).replace(/named-(ours|theirs)/g, 'named')));
      assert.equal(ours.error?.statusCode, 403);
      assert.match(String(ours.error?.body?.message), new RegExp(`^Client ID tcgen-test/${run}/ours-named does not have sufficient scopes`));
      assert.equal(ours.error?.clientId, `tcgen-test/${run}/ours-named`);
      assert.match(String(theirs.error?.message), new RegExp(`^Client ID tcgen-test/${run}/theirs-named does not have sufficient scopes`));
      const scopes = await cmp.resolved('auth.currentScopes (named temporary)', (s) => s.with({ credentials: temporary(s, SCOPES, name(s)) }).auth.currentScopes());
      assert.deepEqual(scopes, { scopes: mergeScopeSets(SCOPES, anonymous) });
      // credentialInformation, which reads the issuer's client and currentScopes
      const info = await cmp.resolved('credentialInformation (named temporary)', async (s) => {
        const fn = s.name === 'ours' ? context().ours['credentialInformation'] : context().theirs['credentialInformation'];
        return JSON.parse(JSON.stringify(await fn(context().proxy.rootUrl, temporary(s, SCOPES, name(s)))));
      }, (v) => JSON.parse(JSON.stringify(v).replace(/named-(ours|theirs)/g, 'named')));
      assert.deepEqual({ ...(info as any), start: undefined, expiry: undefined }, { clientId: name(cmp.sides.ours), type: 'temporary', active: true, scopes: mergeScopeSets(SCOPES, anonymous), start: undefined, expiry: undefined });
    });

    test('authorizedScopes restrict a call to the scopes given', { skip }, async () => {
      const { cmp, run } = context();
      const authorizedScopes = ['auth:current-scopes', `secrets:get:tcgen-test/${run}/only`];
      // the service adds the anonymous role back after the restriction
      assert.deepEqual(await cmp.resolved('auth.currentScopes (authorizedScopes)', (s) => s.with({ authorizedScopes }).auth.currentScopes()), { scopes: mergeScopeSets(authorizedScopes, anonymous) });
      const { ours } = await cmp.same('secrets.get outside authorizedScopes', (s) => s.with({ authorizedScopes }).secrets.get(`tcgen-test/${run}/other`));
      assert.equal(ours.error?.statusCode, 403);
      assert.equal(ours.error?.code, 'InsufficientScopes');
      // on temporary credentials, a subset of the certificate's
      const subset = ['secrets:get:tcgen-test/only-this'];
      const restricted = await cmp.resolved('auth.currentScopes (temporary, authorizedScopes)', (s) => s.with({ credentials: temporary(s, SCOPES), authorizedScopes: subset }).auth.currentScopes());
      assert.deepEqual(restricted, { scopes: mergeScopeSets(subset, anonymous) });
      // more than the certificate holds: the service refuses the credentials themselves (401)
      const { ours: beyond } = await cmp.same('auth.currentScopes (authorizedScopes beyond the certificate)', (s) =>
        s.with({ credentials: temporary(s, SCOPES), authorizedScopes: ['queue:create-task:*'] }).auth.currentScopes());
      assert.equal(beyond.error?.statusCode, 401);
      assert.match(String(beyond.error?.message), /Supplied credentials do not satisfy authorizedScopes/);
      // per call, too: CallOptions.authorizedScopes (ours only: the official client has no per-call option)
      const { sides } = cmp;
      const perCall = await sides.ours.auth.currentScopes({ authorizedScopes: ['auth:current-scopes'] });
      assert.deepEqual(perCall, { scopes: anonymous });
    });

    test('scopes that fall short: 403 InsufficientScopes naming the missing scope', { skip }, async () => {
      const { cmp, deployment, run } = context();
      const { ours } = await cmp.same('secrets.get without scopes', (s) => s.with({ credentials: deployment.noScopesClient }).secrets.get(`tcgen-test/${run}/missing`));
      assert.equal(ours.error?.name, 'InsufficientScopesError');
      assert.equal(ours.error?.statusCode, 403);
      assert.equal(ours.error?.code, 'InsufficientScopes');
      assert.ok(String(ours.error?.body?.message).includes(`is missing the following scopes:\n\n\`\`\`\nsecrets:get:tcgen-test/${run}/missing\n\`\`\``), ours.error?.body?.message);
      // ours: the missing scopes, parsed from that answer, one per line
      assert.deepEqual(ours.error?.missingScopes, [`secrets:get:tcgen-test/${run}/missing`]);
      assert.equal(String(ours.error?.message).split('\n').slice(1).join('\n'), `  secrets:get:tcgen-test/${run}/missing`);
      assert.equal(ours.error?.clientId, deployment.noScopesClient.clientId);
      assert.equal(ours.error?.body?.requestInfo?.method, 'get');
    });

    test('a wrong access token: 401 AuthenticationFailed', { skip }, async () => {
      const { cmp, deployment } = context();
      const credentials = { clientId: deployment.clientId, accessToken: 'not-the-token-0000000000000000000000000000' };
      const { ours } = await cmp.same('auth.currentScopes with a wrong accessToken', (s) => s.with({ credentials }).auth.currentScopes());
      assert.equal(ours.error?.statusCode, 401);
      assert.equal(ours.error?.code, 'AuthenticationFailed');
      // the form test/corpus/object-fakes.ts imitates (serviceError): the message, its trailer, requestInfo
      assert.match(String(ours.error?.message), /^Unauthorized: Bad mac\n\n---\n\n\* method: {5}currentScopes\n\* errorCode: {2}AuthenticationFailed\n\* statusCode: 401\n\* time: {7}\d{4}-\d\d-\d\dT[\d:.]+Z$/);
      assert.deepEqual(Object.keys(ours.error?.body ?? {}), ['code', 'message', 'requestInfo']);
      assert.equal(ours.error?.retries, 0, 'a 401 is not retried');
    });

    test('a route argument with `\'`: the service verifies our signature of the path as sent, and refuses the official client\'s', { skip }, async () => {
      const { cmp } = context();
      const ours = await cmp.settle('ours', (s) => s.queue.getArtifact(s.id('no-task'), 0, "public/it's.txt"));
      const theirs = await cmp.settle('theirs', (s) => s.queue.getArtifact(s.id('no-task'), 0, "public/it's.txt"));
      // both send `'` as it is (encodeURIComponent leaves it)…
      assert.equal(ours.requests[0]!.path, theirs.requests[0]!.path.replace(cmp.sides.theirs.id('no-task'), cmp.sides.ours.id('no-task')));
      assert.match(ours.requests[0]!.path, /public%2Fit's\.txt$/);
      // …ours signs that path: authenticated, then 404 (no such task)
      assert.equal(ours.error?.statusCode, 404, ours.error?.message);
      // the official client signs hawk's legacy url.parse() form, `it%27s`: Bad mac
      assert.equal(theirs.error?.statusCode, 401);
      assert.match(String(theirs.error?.message), /^Unauthorized: Bad mac/);
    });

    test('a certificate with no scopes: the service accepts ours (signature ends `scopes:`) and refuses the official client\'s (`scopes:\\n`)', { skip }, async () => {
      const { cmp } = context();
      const ours = await cmp.settle('ours', (s) => s.with({ credentials: temporary(s, []) }).auth.currentScopes());
      const theirs = await cmp.settle('theirs', (s) => s.with({ credentials: temporary(s, []) }).auth.currentScopes());
      // ours is authenticated, with no scope but the anonymous role's (which has auth:current-scopes here)
      assert.equal(ours.error, undefined, ours.error?.message);
      assert.deepEqual(ours.value, { scopes: anonymous });
      assert.equal(theirs.error?.statusCode, 401);
      assert.equal(theirs.error?.code, 'AuthenticationFailed');
    });
  });
}
