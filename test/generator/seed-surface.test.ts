// The purge-cache surface of the Go package tcpurgecache (shared/seed), read back from the
// committed generated/ declarations: class, methods and parameters in entry order, the four
// seed types with their fields and required-ness.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { Project, type InterfaceDeclaration } from 'ts-morph';
import { COMMITTED_OUTPUT } from './helpers.ts';

async function declarations() {
  const text = await readFile(path.join(COMMITTED_OUTPUT, 'dist/services/purge-cache.d.ts'), 'utf8');
  const project = new Project({ useInMemoryFileSystem: true });
  return project.createSourceFile('purge-cache.d.ts', text);
}

function fields(declaration: InterfaceDeclaration): string[] {
  return declaration.getProperties().map((p) => `${p.getName()}${p.hasQuestionToken() ? '?' : ''}: ${p.getTypeNode()?.getText()}`);
}

test('the PurgeCache class has one method per entry, in entry order, with the seed parameters', async () => {
  const file = await declarations();
  const purgeCache = file.getClassOrThrow('PurgeCache');
  assert.equal(purgeCache.getExtends()?.getText(), 'runtime.Client');
  const methods = purgeCache.getMethods().filter((m) => !m.isStatic());
  // Whitespace folded: prettier decides where parameter lists break.
  const signatures = methods.map((m) => `${m.getName()}(${m.getParameters().map((p) => p.getText()).join(', ')}): ${m.getReturnTypeNode()?.getText()}`.replace(/\s+/g, ' '));
  assert.deepEqual(signatures, [
    "ping(options?: runtime.CallOptions<'GET'>): Promise<unknown>",
    "purgeCache(provisionerId: string | number, workerType: string | number, payload: runtime.Input<PurgeCacheRequest>, options?: runtime.CallOptions<'POST'>): Promise<unknown>",
    "allPurgeRequests(query?: { continuationToken?: string | number | boolean | undefined; limit?: string | number | boolean | undefined; }, options?: runtime.CallOptions<'GET'>): Promise<OpenAllPurgeRequestsList>",
    "purgeRequests(provisionerId: string | number, workerType: string | number, query?: { since?: string | number | boolean | undefined; }, options?: runtime.CallOptions<'GET'>): Promise<OpenPurgeRequestList>",
  ]);
  const statics = purgeCache.getStaticMethods().map((m) => `${m.getName()}(${m.getParameters().map((p) => p.getText()).join(', ')}): ${m.getReturnTypeNode()?.getText()}`);
  assert.deepEqual(statics, ['fromEnv(overrides?: Partial<runtime.ClientOptions>): PurgeCache']);
  assert.deepEqual(purgeCache.getConstructors().map((c) => c.getParameters().map((p) => p.getText())), [['options: runtime.ClientOptions']]);
});

test('the seed types come out with the Go package names, fields and required-ness', async () => {
  const file = await declarations();
  const exported = [...file.getExportedDeclarations().keys()].sort();
  assert.deepEqual(exported, ['OpenAllPurgeRequestsList', 'OpenPurgeRequestList', 'PurgeCache', 'PurgeCacheRequest', 'PurgeCacheRequests', 'PurgeCacheRequestsEntry']);
  assert.deepEqual(fields(file.getInterfaceOrThrow('PurgeCacheRequest')), ['cacheName: string']);
  assert.deepEqual(fields(file.getInterfaceOrThrow('OpenAllPurgeRequestsList')), ['continuationToken?: string', 'requests: PurgeCacheRequests']);
  assert.deepEqual(fields(file.getInterfaceOrThrow('OpenPurgeRequestList')), ['requests: PurgeCacheRequests']);
  assert.deepEqual(fields(file.getInterfaceOrThrow('PurgeCacheRequestsEntry')), ['provisionerId: string', 'workerType: string', 'cacheName: string', 'before: string']);
  assert.equal(file.getTypeAliasOrThrow('PurgeCacheRequests').getTypeNode()?.getText(), 'PurgeCacheRequestsEntry[]');
});

test('methods carry TSDoc: title, description and readable scopes', async () => {
  const file = await declarations();
  const purge = file.getClassOrThrow('PurgeCache').getMethodOrThrow('purgeCache');
  const doc = purge.getJsDocs().map((d) => d.getInnerText()).join('\n');
  assert.match(doc, /^Purge Worker Cache\n\nPublish a request to purge caches named `cacheName` with\n/);
  assert.match(doc, /Required scopes:\n- `purge-cache:<provisionerId>\/<workerType>:<cacheName>`\n\n@param provisionerId /);
  const classDoc = file.getClassOrThrow('PurgeCache').getJsDocs()[0]!.getInnerText();
  assert.match(classDoc, /The purge-cache service is responsible for tracking cache-purge requests\./);
});

test('the package entry points: ESM, types first, a subpath per service', async () => {
  const manifest = JSON.parse(await readFile(path.join(COMMITTED_OUTPUT, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.sideEffects, false);
  assert.deepEqual(Object.keys(manifest.exports), ['.', './runtime', './pulse', './purge-cache', './validation']);
  // Node only: a browser bundler finds no `./pulse` (so never amqplib).
  assert.deepEqual(manifest.exports['./pulse'], { types: './dist/runtime/pulse.d.ts', node: './dist/runtime/pulse.js' });
  assert.deepEqual(manifest.exports['./purge-cache'], { types: './dist/services/purge-cache.d.ts', default: './dist/services/purge-cache.js' });
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'default']);
  assert.match(manifest.dependencies.undici, /^\^7\./);
  assert.match(manifest.dependencies.amqplib, /^\^2\./);
});
