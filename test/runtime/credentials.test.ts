// Temporary credentials and slugids, checked against independent HMACs, fixed vectors
// and the official taskcluster-client's createTemporaryCredentials.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { createTemporaryCredentials, createTemporaryCredentialsAsync, slugid } from '../../templates/runtime/index.ts';
import { certificateSignature, temporaryAccessToken } from '../../templates/runtime/credentials.ts';
import { expectedCertSignature, expectedTempKey, USERS } from './helpers.ts';

interface Official {
  createTemporaryCredentials(o: object): { clientId: string; accessToken: string; certificate: string };
}
const official = async (): Promise<Official> => (await import('taskcluster-client' as string)).default as Official;
const slugidLib = createRequire(import.meta.url)('slugid') as { decode(s: string): string };

const issuer = { clientId: 'issuer', accessToken: USERS.issuer! };
const start = new Date('2024-01-01T00:00:00.000Z');
const expiry = new Date('2024-01-02T00:00:00.000Z');

test('slugid: 22 chars base64url, uuid v4 bits, nice first char', () => {
  for (let i = 0; i < 2000; i++) {
    const s = slugid();
    assert.match(s, /^[A-Za-f][A-Za-z0-9_-]{21}$/);
    assert.match(slugidLib.decode(s), /^[0-7][0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});

for (const name of [undefined, 'named-temp']) {
  test(`structure and signatures (${name ? 'named' : 'unnamed'}), independently recomputed`, () => {
    const scopes = ['queue:create-task:*', 'secrets:get:x'];
    const t = createTemporaryCredentials({ clientId: name, start, expiry, scopes, credentials: issuer });
    const cert = JSON.parse(t.certificate) as Record<string, unknown>;
    assert.deepEqual(Object.keys(cert), ['version', 'scopes', 'start', 'expiry', 'seed', 'signature', ...(name ? ['issuer'] : [])]);
    assert.equal(cert.version, 1);
    assert.deepEqual(cert.scopes, scopes);
    assert.equal(cert.start, start.getTime());
    assert.equal(cert.expiry, expiry.getTime());
    assert.match(cert.seed as string, /^[A-Za-z0-9_-]{44}$/);
    assert.equal(cert.issuer, name ? 'issuer' : undefined);
    assert.equal(t.clientId, name ?? 'issuer');
    assert.equal(cert.signature, expectedCertSignature(issuer.accessToken, t.clientId, cert));
    assert.equal(t.accessToken, expectedTempKey(issuer.accessToken, cert.seed as string));
  });
}

// Computed outside this code base with openssl, e.g.
//   printf 'version:1\nseed:<seed>\nstart:1\nexpiry:2\nscopes:\na\nb' | openssl dgst -sha256 -hmac key -binary | base64
// With no scopes the text ends in 'scopes:' (no newline), as the auth service checks it:
//   printf 'version:1\nseed:<seed>\nstart:1\nexpiry:2\nscopes:' | …
// The official JS client's text, 'scopes:\n', would give NC7FzB5LOsc+hL2y3ZGde72Y/JSoQzmOKQeUyjWWHxo=.
const VECTOR_1 = 'swjfNEcGL6u5S+Moqfq597sQ/Sju3NIVM41fj6f4TAw=';
const VECTOR_2 = 'RZwVf6/7WVEMh0frmDz6Q+mYh+Sv8Xodv5CXuhhdHXs=';
const VECTOR_3 = 'bIhjy8Grb2utPxpGmaQWa1qOgt0u3H1h2KtSjDpVMWU=';
const VECTOR_4 = 'O3IMxscNVwAHpCnlzkFesYhDkDAcUj9zkXOAHaecVIs=';
const TOKEN_VECTOR = 'zV5KHnhW3-osDbb7VXsRWh0nvETkDViI--MchXM2yMc';

test('fixed vectors (computed with openssl)', () => {
  const seed = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const vectors = [
    { cert: { seed, start: 1, expiry: 2, scopes: ['a', 'b'] }, name: undefined },
    { cert: { seed, start: 1, expiry: 2, scopes: [] }, name: undefined },
    { cert: { seed, start: 1, expiry: 2, scopes: ['x'] }, name: { clientId: 'n', issuer: 'i' } },
    { cert: { seed, start: 1, expiry: 2, scopes: [] }, name: { clientId: 'n', issuer: 'i' } },
  ];
  const expected = [VECTOR_1, VECTOR_2, VECTOR_3, VECTOR_4];
  vectors.forEach((v, i) => assert.equal(certificateSignature('key', v.cert, v.name), expected[i], `vector ${i + 1}`));
  assert.equal(temporaryAccessToken('key', seed), TOKEN_VECTOR);
});

test('same construction as the official createTemporaryCredentials, except the empty-scopes signature', async () => {
  const tc = await official();
  for (const clientId of [undefined, 'named-temp']) {
    for (const scopes of [[], ['a'], ['a', 'b:*']]) {
      const theirs = tc.createTemporaryCredentials({ clientId, start, expiry, scopes, credentials: issuer });
      const ours = createTemporaryCredentials({ clientId, start, expiry, scopes, credentials: issuer });
      const tcert = JSON.parse(theirs.certificate) as Record<string, unknown> & { seed: string; signature: string };
      const ocert = JSON.parse(ours.certificate) as Record<string, unknown>;
      assert.deepEqual(Object.keys(ocert), Object.keys(tcert));
      assert.equal(ours.clientId, theirs.clientId);
      // Their seed through our functions gives their signature and token.
      const name = clientId ? { clientId, issuer: issuer.clientId } : undefined;
      const signature = certificateSignature(issuer.accessToken, tcert as never, name);
      if (scopes.length > 0) assert.equal(signature, tcert.signature);
      // With no scopes they sign 'scopes:\n', which the auth service refuses; we sign 'scopes:'.
      else assert.notEqual(signature, tcert.signature);
      assert.equal(signature, expectedCertSignature(issuer.accessToken, theirs.clientId, tcert));
      assert.equal(temporaryAccessToken(issuer.accessToken, tcert.seed), theirs.accessToken);
      // Our certificate with their seed is byte-identical to theirs, signature aside.
      assert.equal(JSON.stringify({ ...ocert, seed: tcert.seed, signature: tcert.signature }), theirs.certificate);
    }
  }
});

test('refusals: over 31 days, temporary issuer, name equal to issuer, bad inputs', () => {
  const day = 24 * 3600 * 1000;
  const base = { start, scopes: [], credentials: issuer };
  assert.doesNotThrow(() => createTemporaryCredentials({ ...base, expiry: new Date(start.getTime() + 31 * day) }));
  assert.throws(() => createTemporaryCredentials({ ...base, expiry: new Date(start.getTime() + 31 * day + 1) }), /31 days/);
  const temp = createTemporaryCredentials({ ...base, expiry });
  assert.throws(() => createTemporaryCredentials({ ...base, expiry, credentials: temp }), /temporary credentials cannot be used/);
  assert.throws(() => createTemporaryCredentials({ ...base, expiry, clientId: 'issuer' }), /differ from the issuer/);
  assert.throws(() => createTemporaryCredentials({ ...base, expiry: 'tomorrow' as never }), /expiry must be a valid Date/);
  assert.throws(() => createTemporaryCredentials({ ...base, expiry, scopes: [1] as never }), /array of strings/);
  assert.throws(() => createTemporaryCredentials({ ...base, expiry, credentials: { clientId: 'x', accessToken: '' } }), /required/);
});

test('start and expiry: as the official client, the 31-day bound, both boundaries included; start after expiry refused (sync and async)', async () => {
  const tc = await official();
  const day = 24 * 3600 * 1000;
  const at = (ms: number): Date => new Date(start.getTime() + ms);
  // [expiry, accepted by the official client, accepted by ours]
  const cases: Array<[Date, boolean, boolean]> = [
    [at(31 * day), true, true],
    [at(31 * day + 1), false, false],
    [at(0), true, true], // start == expiry
    [at(-1), true, false], // start 1 ms after expiry: theirs passes it, ours does not
    [at(-40 * day), true, false],
  ];
  for (const [end, theirsAccept, oursAccept] of cases) {
    const options = { start, expiry: end, scopes: ['a'], credentials: issuer };
    const label = `expiry - start = ${end.getTime() - start.getTime()} ms`;
    assert.equal(accepts(() => tc.createTemporaryCredentials(options)), theirsAccept, `official, ${label}`);
    if (oursAccept) {
      assert.equal(JSON.parse(createTemporaryCredentials(options).certificate).expiry, end.getTime(), label);
      assert.equal(JSON.parse((await createTemporaryCredentialsAsync(options)).certificate).expiry, end.getTime(), label);
      continue;
    }
    const message = end < start ? /^start \(2024-01-01T00:00:00\.000Z\) is after expiry \(/ : /cannot span more than 31 days/;
    assert.throws(() => createTemporaryCredentials(options), (error: unknown) => error instanceof RangeError && message.test(error.message), label);
    await assert.rejects(createTemporaryCredentialsAsync(options), (error: unknown) => error instanceof RangeError && message.test(error.message), label);
  }
});

function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}
