// fromEnvVars / generated fromEnv(): which variables win and when credentials are used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, closeClient } from '../../templates/runtime/index.ts';
import { PurgeCache, USERS, json, startServer } from './helpers.ts';

const CERT = '{"version":1,"scopes":[],"start":1,"expiry":2,"seed":"s","signature":"x"}';

test('root URL and credentials from TASKCLUSTER_*', () => {
  const env = { TASKCLUSTER_ROOT_URL: 'https://tc.example.com', TASKCLUSTER_CLIENT_ID: 'me', TASKCLUSTER_ACCESS_TOKEN: 'tok' };
  assert.deepEqual(Client.fromEnvVars({}, env), { rootUrl: 'https://tc.example.com', credentials: { clientId: 'me', accessToken: 'tok' } });
  assert.deepEqual(Client.fromEnvVars(undefined, { ...env, TASKCLUSTER_CERTIFICATE: CERT }).credentials, {
    clientId: 'me', accessToken: 'tok', certificate: CERT,
  });
});

test('TASKCLUSTER_PROXY_URL (non-empty) wins and drops credentials', () => {
  const env = { TASKCLUSTER_ROOT_URL: 'https://tc.example.com', TASKCLUSTER_PROXY_URL: 'http://taskcluster', TASKCLUSTER_CLIENT_ID: 'me', TASKCLUSTER_ACCESS_TOKEN: 'tok' };
  assert.deepEqual(Client.fromEnvVars({}, env), { rootUrl: 'http://taskcluster' });
  assert.deepEqual(Client.fromEnvVars({}, { ...env, TASKCLUSTER_PROXY_URL: '' }).rootUrl, 'https://tc.example.com');
});

test('no client id: no credentials; id without token: error; overrides on top', () => {
  assert.deepEqual(Client.fromEnvVars({}, { TASKCLUSTER_ROOT_URL: 'https://x', TASKCLUSTER_ACCESS_TOKEN: 'tok' }), { rootUrl: 'https://x' });
  assert.throws(() => Client.fromEnvVars({}, { TASKCLUSTER_ROOT_URL: 'https://x', TASKCLUSTER_CLIENT_ID: 'me' }), (e: Error) =>
    /TASKCLUSTER_ACCESS_TOKEN is not/.test(e.message));
  assert.throws(() => Client.fromEnvVars({}, {}), /TASKCLUSTER_ROOT_URL/);
  assert.deepEqual(Client.fromEnvVars({ rootUrl: 'https://y', retries: 1 }, { TASKCLUSTER_ROOT_URL: 'https://x' }), { rootUrl: 'https://y', retries: 1 });
});

test('generated fromEnv() reads process.env and signs accordingly', async () => {
  const server = await startServer((_r, res) => json(res, 200, {}));
  const saved = { ...process.env };
  try {
    process.env.TASKCLUSTER_ROOT_URL = server.rootUrl;
    process.env.TASKCLUSTER_CLIENT_ID = 'tester';
    process.env.TASKCLUSTER_ACCESS_TOKEN = USERS.tester;
    delete process.env.TASKCLUSTER_PROXY_URL;
    delete process.env.TASKCLUSTER_CERTIFICATE;
    const signed = PurgeCache.fromEnv({ retries: 0 });
    await signed.ping();
    assert.equal(server.requests.at(-1)?.auth?.ok, true);
    process.env.TASKCLUSTER_PROXY_URL = server.rootUrl;
    process.env.TASKCLUSTER_ROOT_URL = 'https://elsewhere.invalid';
    const proxied = PurgeCache.fromEnv();
    await proxied.ping();
    assert.equal(server.requests.at(-1)?.headers.authorization, undefined);
    await Promise.all([closeClient(signed), closeClient(proxied)]);
  } finally {
    for (const k of Object.keys(process.env)) if (k.startsWith('TASKCLUSTER_')) delete process.env[k];
    Object.assign(process.env, saved);
    await server.close();
  }
});
