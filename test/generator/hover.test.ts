// What an editor shows on hover, read through TypeScript's language service from the committed
// package as an application imports it: schema facts and links on fields and types (as the
// official Go client's doc shows them, ../shared/seed/tcpurgecache-go-package-doc.txt), and
// the request, parameters and result on methods.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ts from 'typescript';
import { schemaUrl } from '../../generator/render/schema-docs.ts';
import { COMMITTED_OUTPUT, REPO_ROOT } from './helpers.ts';

const APP = `import { PurgeCache } from '@tcgen/taskcluster-client';
import type { PurgeCacheRequestsEntry } from '@tcgen/taskcluster-client/purge-cache';
declare const entry: PurgeCacheRequestsEntry;
export const provisioner = entry.provisionerId;
const client = new PurgeCache({ rootUrl: 'https://tc.example.com' });
export const signed = client.buildSignedUrl(client.purgeRequests, 'p', 'w');
export const requests = client.purgeRequests('p', 'w');
export const purge = client.purgeCache;
`;

let dir: string;
let service: ts.LanguageService;
let file: string;

before(async () => {
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(path.join(cache, 'tcgen-hover-'));
  await mkdir(path.join(dir, 'node_modules', '@tcgen'), { recursive: true });
  await symlink(COMMITTED_OUTPUT, path.join(dir, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
  file = path.join(dir, 'app.ts');
  await writeFile(file, APP);
  const options: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: ['node'] };
  service = ts.createLanguageService({
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath!,
  });
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The documentation and tags shown on hover over the last `word` of the app. */
function hover(word: string): { documentation: string; tags: string[] } {
  const info = service.getQuickInfoAtPosition(file, APP.lastIndexOf(word) + 1);
  assert.ok(info, `no quick info for ${word}`);
  return {
    documentation: ts.displayPartsToString(info.documentation),
    tags: (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text).trim()}`),
  };
}

test('PurgeCacheRequestsEntry.provisionerId: description, pattern, min and max length, schema URL with pointer', () => {
  assert.deepEqual(hover('provisionerId'), {
    documentation: 'ProvisionerId associated with the workerType.\n\n- Syntax: `^([a-zA-Z0-9-_]*)$`\n- Min length: 1\n- Max length: 38',
    tags: ['@see /schemas/purge-cache/v1/purge-cache-requests.json#/items/properties/provisionerId'],
  });
});

test('the type PurgeCacheRequestsEntry: its description and schema URL', () => {
  assert.deepEqual(hover('PurgeCacheRequestsEntry;'), {
    documentation: 'An entry in a list of Purge Cache Requests that the Purge Cache service has previously received.',
    tags: ['@see /schemas/purge-cache/v1/purge-cache-requests.json#/items'],
  });
});

test('a method: HTTP method and route, scopes, @param per route argument and query, @returns the output type', () => {
  const { documentation, tags } = hover('purgeRequests');
  assert.match(documentation, /Request: `GET \/api\/purge-cache\/v1\/purge-cache\/<provisionerId>\/<workerType>` \(below the root URL\)/);
  assert.match(hover('purgeCache').documentation, /Request: `POST \/api\/purge-cache\/v1\/purge-cache\/<provisionerId>\/<workerType>` \(below the root URL\)\n\nRequired scopes:\n- `purge-cache:<provisionerId>\/<workerType>:<cacheName>`$/);
  assert.deepEqual(tags, [
    "@param provisionerId - the route's `<provisionerId>` (strings are percent-encoded)",
    "@param workerType - the route's `<workerType>` (strings are percent-encoded)",
    '@param query - the query string; keys: `since`',
    "@param options - this call's `signal` and `authorizedScopes`",
    '@returns the response body, {@link OpenPurgeRequestList}',
  ]);
});

test('schema URLs: absolute under a deployment root URL, root-relative ($id) otherwise; pointer tokens percent-encoded', () => {
  const document = { path: '/schemas/x/v1/a.json', location: 'a.json', text: '', json: { $id: '/schemas/x/v1/a.json#' } };
  assert.equal(schemaUrl({ document, pointer: '/properties/a b' }, undefined), '/schemas/x/v1/a.json#/properties/a%20b');
  assert.equal(schemaUrl({ document, pointer: '' }, 'https://tc.example.com/'), 'https://tc.example.com/schemas/x/v1/a.json#');
});

test('buildUrl and buildSignedUrl: the parameter hint names the route arguments as the method does', () => {
  const info = service.getQuickInfoAtPosition(file, APP.indexOf('buildSignedUrl') + 1);
  assert.ok(info, 'no quick info for buildSignedUrl');
  // The method's own parameter names (not args_0, args_1) after the method argument.
  assert.match(ts.displayPartsToString(info.displayParts), /=> Promise<OpenPurgeRequestList>, provisionerId: string \| number, workerType: string \| number, query\?: \{/);
});

test('a method with a payload: the signature reads Input<the input type> (issue 19), a query value may be undefined', () => {
  const purge = service.getQuickInfoAtPosition(file, APP.lastIndexOf('purgeCache') + 1);
  assert.ok(purge, 'no quick info for purgeCache');
  assert.match(ts.displayPartsToString(purge.displayParts), /payload: Input<PurgeCacheRequest>, options\?: CallOptions<"POST">\): Promise<unknown>/);
  const requests = service.getQuickInfoAtPosition(file, APP.lastIndexOf('purgeRequests') + 1);
  assert.ok(requests, 'no quick info for purgeRequests');
  assert.match(ts.displayPartsToString(requests.displayParts), /query\?: \{\s*since\?: string \| number \| boolean \| undefined;\s*\}/);
});
