// References as they really are, including what the real corpora lack: a small synthetic
// deployment (served from memory by an overlay source; generated once) with a service that
// has exchanges and no api, one with no schemas, and schemas using every kind of $ref
// (relative, root-relative, absolute to json-schema.org, into another file's definitions, a
// JSON pointer; an absolute URL to a deployment host is refused, located), oneOf/anyOf/allOf (a
// titled branch), a nested name equal to another document's, maps, const/enum, date-time, output "blob", entries
// without input/output, repeated route args, query params and every scope expression form.
// Table-driven: each row names a generated file and the exact text it must contain.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { generateInto, importDist, modelOf, overlaySource, type Generated } from './helpers.ts';
import { json, startServer, type TestServer } from '../runtime/helpers.ts';
import { loadInput } from '../../generator/load/load.ts';

const META = '/schemas/common/metaschema.json#';
const api = (serviceName: string, entries: object[]) => ({
  $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName, title: `${serviceName} API`, description: '', entries,
});
const fn = (name: string, method: string, route: string, args: string[], extra: object = {}) => ({
  type: 'function', name, title: `${name} title`, description: `${name} description`, stability: 'stable', category: 'C', method, route, args, ...extra,
});

const FILES: Record<string, unknown> = {
  '/references/manifest.json': {
    $schema: '/schemas/common/manifest-v3.json#',
    references: ['/references/alpha/v1/api.json', '/references/beta/v1/exchanges.json', '/references/beta/v1/logs.json', '/references/gamma/v1/api.json'],
  },
  '/references/alpha/v1/api.json': api('alpha', [
    fn('ping', 'get', '/ping', []),
    fn('getThing', 'get', '/thing/<thingId>/again/<thingId>', ['thingId'], { output: 'v1/thing.json#', query: ['continuationToken', 'limit'], scopes: 'alpha:get:<thingId>' }),
    fn('putThing', 'put', '/thing/<thingId>', ['thingId'], {
      input: 'v1/thing-request.json#', output: 'v1/thing.json#',
      scopes: { AllOf: ['alpha:put:<thingId>', { AnyOf: ['alpha:admin', { if: 'private', then: 'alpha:private:<thingId>' }] }, { for: 'tag', in: 'tags', each: 'alpha:tag:<tag>' }] },
    }),
    fn('download', 'get', '/thing/<thingId>/blob', ['thingId'], { output: 'blob' }),
    fn('viaPointer', 'post', '/pointer', [], { input: 'v1/thing-request.json#/properties/owner', output: 'v1/common.json#/definitions/slugid' }),
    fn('ownerRecord', 'get', '/owner-record', [], { output: 'v1/owner-record.json#' }),
  ]),
  '/schemas/alpha/v1/thing.json': {
    $schema: META, $id: '/schemas/alpha/v1/thing.json#', title: 'Thing', type: 'object',
    properties: {
      thingId: { $ref: 'common.json#/definitions/slugid' },
      created: { type: 'string', format: 'date-time' },
      kind: { type: 'string', enum: ['small', 'large'] },
      version: { const: 1 },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      owner: { $ref: '/schemas/alpha/v1/owner.json#' },
      shape: { oneOf: [{ type: 'object', properties: { circle: { type: 'number' } }, required: ['circle'], additionalProperties: false }, { type: 'string' }] },
      either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
      both: { allOf: [{ $ref: './owner.json#' }, { type: 'object', properties: { extra: { type: 'string' } } }] },
      sameAsCreated: { $ref: '#/properties/created' },
      schema: { $ref: 'http://json-schema.org/draft-06/schema#' },
    },
    additionalProperties: false, required: ['thingId', 'created'],
  },
  '/schemas/alpha/v1/thing-request.json': {
    $schema: META, $id: '/schemas/alpha/v1/thing-request.json#', title: 'Thing Request', type: 'object',
    properties: { owner: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false }, tags: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
  // Its title gives the name thing-request.json's nested owner would take: documents claim first.
  '/schemas/alpha/v1/owner-record.json': {
    $schema: META, $id: '/schemas/alpha/v1/owner-record.json#', title: 'Thing Request Owner', type: 'object',
    properties: { pick: { oneOf: [{ title: 'Circle Pick', type: 'object', properties: { radius: { type: 'number' } }, required: ['radius'] }, { type: 'string' }] } },
    additionalProperties: false,
  },
  '/schemas/alpha/v1/owner.json': {
    $schema: META, $id: '/schemas/alpha/v1/owner.json#', title: 'Owner', type: 'object', properties: { email: { type: 'string' } }, additionalProperties: false, required: ['email'],
  },
  '/schemas/alpha/v1/common.json': {
    $schema: META, $id: '/schemas/alpha/v1/common.json#', title: 'Common', definitions: { slugid: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } },
  },
  '/references/beta/v1/exchanges.json': {
    $schema: '/schemas/common/exchanges-reference-v0.json#', apiVersion: 'v1', serviceName: 'beta', title: 'Beta Exchanges', description: '',
    exchangePrefix: 'exchange/beta/v1/',
    entries: [{
      type: 'topic-exchange', name: 'thingHappened', exchange: 'thing-happened', title: 'Thing happened', description: 'd', schema: 'v1/thing-message.json#',
      routingKey: [
        { name: 'routingKeyKind', summary: 'kind', constant: 'primary', multipleWords: false, required: true },
        { name: 'thingId', summary: 'id', multipleWords: false, required: true },
        { name: 'reserved', summary: 'r', multipleWords: true, required: false },
      ],
    }],
  },
  '/references/beta/v1/logs.json': { $schema: '/schemas/common/logs-reference-v0.json#', serviceName: 'beta', types: [] },
  '/schemas/beta/v1/thing-message.json': {
    $schema: META, $id: '/schemas/beta/v1/thing-message.json#', title: 'Thing Message', type: 'object', properties: { thingId: { type: 'string' } }, additionalProperties: false,
  },
  '/references/gamma/v1/api.json': api('gamma', [fn('ping', 'get', '/ping', []), fn('remove', 'delete', '/item/<itemId>', ['itemId'])]),
};

let generated: Generated;
let dts: (service: string) => Promise<string>;
before(async () => {
  generated = await generateInto({ source: overlaySource(FILES) });
  dts = (service) => readFile(path.join(generated.out, 'dist', 'services', `${service}.d.ts`), 'utf8');
});
after(() => generated?.cleanup());

/** [file, what, exact text expected in it] */
const EXPECTED: Array<[string, string, string | RegExp]> = [
  ['alpha', 'relative $ref into another file\'s definitions (named: an entry output names it too)', 'thingId: CommonSlugid;'],
  ['alpha', 'a definition as its own type', 'export type CommonSlugid = string;'],
  ['alpha', 'format date-time is a string', 'created: string;'],
  ['alpha', 'enum', "kind?: 'small' | 'large';"],
  ['alpha', 'const', 'version?: 1;'],
  ['alpha', 'additionalProperties map', /labels\?: \{\s*\[k: string\]: string;\s*\};/],
  ['alpha', 'root-relative $ref to a whole document is its named type', 'owner?: Owner;'],
  ['alpha', 'oneOf', /shape\?:\s*\|\s*\{\s*(?:\/\*\*[\s\S]*?\*\/\s*)?circle: number;\s*\}\s*\|\s*string;/],
  ['alpha', 'anyOf', 'either?: number | boolean;'],
  ['alpha', 'allOf', /both\?: Owner & \{/],
  ['alpha', '$ref to a JSON pointer in the same document', 'sameAsCreated?: string;'],
  ['alpha', 'the JSON Schema metaschema', /schema\?:\s*\|?\s*\{\s*\[key: string\]: unknown;\s*\}\s*\|\s*boolean;/],
  ['alpha', 'one type per $id', 'export interface Thing {'],
  ['alpha', 'a named nested object whose path name a document\'s title took: the qualified path', 'export interface AlphaThingRequestOwner {'],
  ['alpha', 'a document titled as a nested object\'s path name keeps its title', 'export interface ThingRequestOwner {'],
  ['alpha', 'a titled oneOf branch is a named type', /pick\?: CirclePick \| string;/],
  ['alpha', 'the titled branch\'s type', /export interface CirclePick \{(?:\s*\/\*\*(?:[^*]|\*(?!\/))*\*\/)?\s*radius: number;/],
  ['alpha', 'entry without input or output resolves to what the server sent', /ping\(options\?: runtime\.CallOptions<'[A-Z]+'>\): Promise<unknown>;/],
  ['alpha', 'repeated route arg is one parameter; query keys', /getThing\(\s*thingId: string \| number,\s*query\?: \{\s*continuationToken\?: string \| number \| boolean \| undefined;\s*limit\?: string \| number \| boolean \| undefined;\s*\},\s*options\?: runtime\.CallOptions<'[A-Z]+'>,\s*\): Promise<Thing>;/],
  ['alpha', 'input and output types', /putThing\(\s*thingId: string \| number,\s*payload: runtime\.Input<ThingRequest>,\s*options\?: runtime\.CallOptions<'[A-Z]+'>,?\s*\): Promise<Thing>;/],
  ['alpha', 'output "blob" is not a schema; resolves to the body as a Blob', /download\(thingId: string \| number, options\?: runtime\.CallOptions<'[A-Z]+'>\): Promise<runtime\.BlobOutput>;/],
  ['alpha', 'blob note', 'The response is a blob, not JSON'],
  ['alpha', 'entry input/output naming a JSON pointer', /viaPointer\(\s*payload: runtime\.Input<AlphaThingRequestOwner>,\s*options\?: runtime\.CallOptions<'[A-Z]+'>,?\s*\): Promise<CommonSlugid>;/],
  ['alpha', 'scope string', '* - `alpha:get:<thingId>`'],
  ['alpha', 'AllOf / AnyOf / if-then / for-each', [
    '* Required scopes:',
    '* - All of:',
    '*   - `alpha:put:<thingId>`',
    '*   - Any of:',
    '*     - `alpha:admin`',
    '*     - If `private`:',
    '*       - `alpha:private:<thingId>`',
    '*   - For each `tag` in `tags`:',
    '*     - `alpha:tag:<tag>`',
  ].join('\n   ')],
  ['beta', 'events class of an exchanges-only service', 'export declare class BetaEvents extends events.EventsClient {'],
  ['beta', 'typed routing-key pattern', /thingHappened\(\s*pattern\?:\s*\|\s*\{\s*routingKeyKind\?: 'primary' \| undefined;\s*thingId\?: string \| number \| undefined;\s*reserved\?: string \| number \| undefined;\s*\}\s*\|\s*string,\s*\): events\.Binding<ThingMessage, 'exchange\/beta\/v1\/thing-happened'>;/],
  ['beta', 'named message type', 'export interface ThingMessage {'],
  // Each service module imports the runtime module its classes need, and only that (issue 23).
  ['beta', 'an exchanges-only service imports events.js, not client.js', /^import \* as events from '\.\.\/runtime\/events\.js';\n(?![^]*runtime\/client\.js)/],
  ['alpha', 'a service without exchanges imports client.js, not events.js', /^import \* as runtime from '\.\.\/runtime\/client\.js';\n(?![^]*runtime\/events\.js)/],
  ['gamma', 'service without schemas', /remove\(itemId: string \| number, options\?: runtime\.CallOptions<'[A-Z]+'>\): Promise<unknown>;/],
];

for (const [service, what, expected] of EXPECTED) {
  test(`${service}.d.ts: ${what}`, async () => {
    const text = await dts(service);
    if (typeof expected === 'string') assert.ok(text.includes(expected), `expected ${JSON.stringify(expected)} in ${service}.d.ts:\n${text}`);
    else assert.match(text, expected);
  });
}

test('services: alpha has a client only, beta events only, gamma a client; logs references add nothing', async () => {
  const index = await importDist(generated.out);
  assert.deepEqual(Object.keys(index).filter((k) => /^(Alpha|Beta|Gamma)/.test(k)).sort(), ['Alpha', 'BetaEvents', 'Gamma']);
  assert.equal(/^export (type|interface)/m.test(await dts('gamma')), false, 'gamma has no types');
  assert.deepEqual(new index.BetaEvents().thingHappened({ thingId: 5 }), {
    exchange: 'exchange/beta/v1/thing-happened', routingKeyPattern: 'primary.5.#',
    routingKeyReference: (FILES['/references/beta/v1/exchanges.json'] as { entries: Array<{ routingKey: unknown }> }).entries[0]!.routingKey,
  });
});

test('a repeated route arg fills every place it appears; query keys go to the query string', async () => {
  const index = await importDist(generated.out);
  const server: TestServer = await startServer((_r, res) => json(res, 200, { thingId: 'x' }));
  const client = new index.Alpha({ rootUrl: server.rootUrl });
  try {
    await client.getThing('a b', { limit: 2 });
    assert.equal(server.requests.at(-1)!.url, '/api/alpha/v1/thing/a%20b/again/a%20b?limit=2');
  } finally {
    await index.closeClient(client);
    await server.close();
  }
});

test('an output "blob" entry resolves to the body as a Blob (bytes intact, content type kept); its errors stay TaskclusterErrors', async () => {
  const index = await importDist(generated.out);
  const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 10, 13]);
  const server: TestServer = await startServer((r, res) => {
    if (r.url.includes('missing')) return json(res, 404, { code: 'ResourceNotFound', message: 'no such thing' });
    if (r.url.includes('moved')) return json(res, 303, { url: 'https://elsewhere.example.com/x' }, { location: 'https://elsewhere.example.com/x' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
  });
  const client = new index.Alpha({ rootUrl: server.rootUrl, retries: 0 });
  try {
    const blob = (await client.download('t1')) as Blob;
    assert.ok(blob instanceof Blob);
    assert.equal(blob.type, 'application/octet-stream');
    assert.deepEqual(Buffer.from(await blob.arrayBuffer()), bytes);
    const streamed: Buffer[] = [];
    for await (const chunk of blob.stream()) streamed.push(Buffer.from(chunk));
    assert.deepEqual(Buffer.concat(streamed), bytes);
    await assert.rejects(client.download('missing'), (error: Error & { statusCode?: number; code?: string }) => {
      assert.equal(error.name, 'TaskclusterError');
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'ResourceNotFound');
      assert.equal(error.message, 'no such thing');
      return true;
    });
    await assert.rejects(client.download('moved'), (error: Error & { statusCode?: number }) => {
      assert.equal(error.statusCode, 303, 'a redirect is not the body: refused, never followed');
      assert.equal(server.requests.filter((r) => r.url.includes('moved')).length, 1);
      return true;
    });
  } finally {
    await index.closeClient(client);
    await server.close();
  }
});

test('an absolute $ref to a deployment host is refused with a located problem', async () => {
  const thing = structuredClone(FILES['/schemas/alpha/v1/thing.json']) as { properties: Record<string, unknown> };
  thing.properties.parent = { $ref: 'https://tc.example.com/schemas/alpha/v1/owner.json#' };
  await assert.rejects(modelOf(overlaySource({ ...FILES, '/schemas/alpha/v1/thing.json': thing })), (error: Error) => {
    assert.match(error.message, /overlay:\/schemas\/alpha\/v1\/thing\.json#\/properties\/parent\/\$ref: .*points outside the deployment/);
    return true;
  });
});

test('the loader (which fetch uses too) does not try to read output "blob" as a schema', async () => {
  const source = overlaySource(FILES);
  const reads: string[] = [];
  const input = await loadInput({ locate: source.locate, readText: (p) => (reads.push(p), source.readText(p)) });
  assert.ok(!reads.some((p) => p.includes('blob')), reads.join(', '));
  assert.ok(input.schemas.has('/schemas/alpha/v1/thing.json'));
});
