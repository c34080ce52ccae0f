import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { GenerateError, generate } from '../../generator/index.ts';
import type { HttpSourceOptions } from '../../generator/load/http-source.ts';
import { listFiles } from '../../generator/write/write.ts';
import { startStaticServer, type Override } from '../load/static-server.ts';
import { apiReference, entry, objectSchema, workspace, xTree } from './helpers.ts';

// One retry, short timeouts: failures are reported within a second.
const HTTP: HttpSourceOptions = { retries: 1, retryDelayMs: 1, timeoutMs: 300 };

const TREE = xTree(apiReference([entry({ name: 'make', method: 'post', route: '/make', input: 'v1/in.json#' })]), { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) });

/** Serves TREE from a loopback deployment with `fail` answering some paths; returns the lines of the failure, root URL as <root>. */
async function failureLines(fail: (path: string, response: ServerResponse) => boolean, options: HttpSourceOptions = HTTP): Promise<string[]> {
  const ws = await workspace(TREE);
  const override: Override = (request, response) => fail(new URL(request.url ?? '/', 'http://x').pathname, response);
  const server = await startStaticServer(ws.references, override);
  try {
    const error = await generate({ rootUrl: server.url, http: options, out: ws.out }).then(
      () => assert.fail('generate() succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof GenerateError, String((error as Error)?.stack ?? error));
    assert.deepEqual(await listFiles(ws.out), []);
    return error.message.split(server.url).join('<root>').split('\n');
  } finally {
    await server.close();
    await ws.dispose();
  }
}

const status = (code: number) => (response: ServerResponse) => {
  response.writeHead(code, { 'content-type': 'text/plain' });
  response.end('no');
  return true;
};

test('a schema that gets 404 is reported at the entry naming it, with the URL', async () => {
  const lines = await failureLines((path, response) => path === '/schemas/x/v1/in.json' && status(404)(response));
  assert.deepEqual(lines, ['<root>/references/x/v1/api.json#/entries/0/input: "v1/in.json#" names a schema that cannot be read (<root>/schemas/x/v1/in.json: HTTP 404 Not Found)']);
});

test('a manifest that gets 500 is retried, then reported', async () => {
  const lines = await failureLines((path, response) => path === '/references/manifest.json' && status(500)(response));
  assert.deepEqual(lines, ['<root>/references/manifest.json: HTTP 500 Internal Server Error (gave up after 2 attempts)']);
});

test('a reference whose connection is reset', async () => {
  const lines = await failureLines((path, response) => {
    if (path !== '/references/x/v1/api.json') return false;
    response.socket?.destroy();
    return true;
  });
  assert.deepEqual(lines, [
    '<root>/references/manifest.json#/references/0: "/references/x/v1/api.json" names a reference that cannot be read (<root>/references/x/v1/api.json: connection closed by the server before the response was complete (gave up after 2 attempts))',
  ]);
});

test('a schema that never answers times out', async () => {
  const lines = await failureLines((path) => path === '/schemas/x/v1/in.json');
  assert.deepEqual(lines, ['<root>/references/x/v1/api.json#/entries/0/input: "v1/in.json#" names a schema that cannot be read (<root>/schemas/x/v1/in.json: no response within 300 ms (gave up after 2 attempts))']);
});

test('HTML instead of JSON (a login page) is refused by content type', async () => {
  const lines = await failureLines((path, response) => {
    if (path !== '/references/x/v1/api.json') return false;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Sign in</title>');
    return true;
  });
  assert.deepEqual(lines, ['<root>/references/manifest.json#/references/0: "/references/x/v1/api.json" names a reference that cannot be read (<root>/references/x/v1/api.json: expected JSON, got content-type "text/html; charset=utf-8")']);
});

test('HTML served as JSON is not valid JSON, at line and column', async () => {
  const lines = await failureLines((path, response) => {
    if (path !== '/schemas/x/v1/in.json') return false;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('<!doctype html>');
    return true;
  });
  assert.deepEqual(lines, ['<root>/schemas/x/v1/in.json: not valid JSON at line 1, column 1: unexpected character "<"']);
});

test('a root URL that is not http(s) is refused before any request', async () => {
  const error = await generate({ rootUrl: 'file:///etc/passwd', out: '/nonexistent/never' }).catch((e: unknown) => e);
  assert.ok(error instanceof GenerateError);
  assert.equal(error.message, 'file:///etc/passwd: root URL must start with http:// or https://, not file:');
});
