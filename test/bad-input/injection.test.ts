import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { generate } from '../../generator/index.ts';
import { listFiles } from '../../generator/write/write.ts';
import { apiReference, entry, workspace, type Tree, type Workspace } from './helpers.ts';

/**
 * Hostile reference text: comment closers, template and string breakers, newlines, line
 * separators, non-ASCII, `__proto__`, names that are not identifiers. The output must compile
 * (generate() type-checks it), keep every value exact, and never turn reference text into code:
 * every hostile string carries PWNED(), which must never appear as a call.
 */
const HOSTILE = [
  '*/ PWNED(); /*',
  '/* PWNED() */',
  '`; PWNED(); `',
  '${PWNED()}',
  '"); PWNED(); ("',
  "'); PWNED(); ('",
  'back\\slash\\\\ PWNED()\\',
  'line\nPWNED();\r\nnext\u2028PWNED()\u2029end',
  'é日本 \u00a0 PWNED() 🎉',
  '</script><!-- PWNED() -->',
];
const text = HOSTILE.join(' | ');
const REPO = fileURLToPath(new URL('../../', import.meta.url));

const ROUTE = "/things/<thingId>/a*/b/${x}/'q\"/\\/é/`t`/<__proto__>";
const ENUM = [...HOSTILE, '__proto__', 'constructor', ''];
const PROPERTIES = ['__proto__', 'constructor', 'not an identifier', '2start', 'a-b', '*/PWNED()/*', '${PWNED()}', 'é', "quo'te\"s"];

const TREE: Tree = {
  '/references/manifest.json': { references: ['/references/x/v1/api.json', '/references/x/v1/exchanges.json'] },
  '/references/x/v1/api.json': apiReference(
    [
      entry({ name: 'ping', title: text, description: text, scopes: { AllOf: [text, { for: text, in: text, each: text }] } }),
      entry({ name: 'make', title: text, description: text, method: 'put', route: ROUTE, args: ['thingId', '__proto__'], query: ['__proto__', 'a b', text], input: 'v1/in.json#', output: 'v1/node.json#', stability: text }),
    ],
    { title: text, description: text },
  ),
  '/references/x/v1/exchanges.json': {
    $schema: '/schemas/common/exchanges-reference-v0.json#',
    serviceName: 'x',
    apiVersion: 'v1',
    title: text,
    description: text,
    exchangePrefix: `exchanges/${text}/`,
    entries: [
      {
        name: 'thingDone',
        title: text,
        description: text,
        exchange: `thing-done ${text}`,
        schema: 'v1/in.json#',
        routingKey: [
          { name: 'routingKeyKind', summary: text, constant: text, required: true },
          { name: '__proto__', summary: text, required: false },
          { name: 'not an identifier', summary: text, multipleWords: true },
        ],
      },
    ],
  },
  '/schemas/x/v1/in.json': {
    $id: '/schemas/x/v1/in.json#',
    title: text,
    description: text,
    type: 'object',
    tsType: 'PWNED()',
    properties: {
      kind: { type: 'string', enum: ENUM, description: text, default: text, examples: [text] },
      ...Object.fromEntries(PROPERTIES.map((name) => [name, { type: 'string', description: text, pattern: text, format: text }])),
      nested: { type: 'object', description: text, properties: { [text]: { type: 'integer', const: 3, description: text } }, tsEnumNames: ['PWNED'] },
    },
    required: ['kind', '__proto__'],
    additionalProperties: false,
  },
  // A $ref cycle: recursive types are legal and must generate.
  '/schemas/x/v1/node.json': {
    $id: '/schemas/x/v1/node.json#',
    title: 'Tree Node',
    type: 'object',
    properties: {
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#' } },
      parent: { $ref: '#/definitions/link' },
    },
    definitions: { link: { type: 'object', properties: { node: { $ref: '#' }, next: { $ref: '#/definitions/link' } } } },
    additionalProperties: false,
  },
};

let ws: Workspace;
let files: Map<string, string>;

before(async () => {
  ws = await workspace(TREE);
  await generate({ references: ws.references, out: ws.out });
  files = new Map(await Promise.all((await listFiles(ws.out)).map(async (file) => [file, await readFile(path.join(ws.out, file), 'utf8')] as const)));
  // undici for the generated runtime, found from the output by walking up.
  await mkdir(path.join(ws.dir, 'node_modules'));
  await symlink(path.join(REPO, 'node_modules', 'undici'), path.join(ws.dir, 'node_modules', 'undici'), 'dir');
});
after(() => (process.env.TCGEN_KEEP ? console.log(ws.dir) : ws.dispose()));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, files.get(file)!, ts.ScriptTarget.ES2022, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

test('no reference text lands as code: PWNED is never an identifier, in any generated source', () => {
  const sources = [...files.keys()].filter((file) => /\.(ts|js)$/.test(file));
  assert.ok(sources.includes('dist/services/x.js') && sources.includes('dist/services/x.d.ts'));
  for (const file of sources) {
    const source = parse(file);
    assert.deepEqual((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, [], `${file} parses`);
    walk(source, (node) => {
      // Type names made from titles are letters and digits only ("PWNEDPWNED…"); an injected call would be the identifier PWNED itself.
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) assert.notEqual(node.text, 'PWNED', `${file}: PWNED as code at ${node.getStart()}`);
      if (file.includes('services/') && ts.isTemplateExpression(node)) assert.fail(`${file}: a template with substitutions at ${node.getStart()}`);
    });
  }
});

test('route, args, query, exchange names and routing-key constants keep their exact values', async () => {
  // The definitions are module constants; a copy of the module exports them for this check.
  const probe = path.join(ws.out, 'dist/services/x.probe.js');
  await copyFile(path.join(ws.out, 'dist/services/x.js'), probe);
  await writeFile(probe, files.get('dist/services/x.js') + '\nexport { SERVICE as __service, EXCHANGES as __exchanges };\n');
  const module = await import(pathToFileURL(probe).href);
  const make = module.__service.entries.make;
  assert.equal(make.route, ROUTE);
  assert.deepEqual(make.args, ['thingId', '__proto__']);
  assert.deepEqual(make.query, ['__proto__', 'a b', text]);
  assert.equal(Object.getPrototypeOf(module.__service.entries), Object.prototype);
  const exchanges = module.__exchanges;
  assert.equal(exchanges.exchangePrefix, `exchanges/${text}/`);
  assert.equal(exchanges.entries.thingDone.exchange, `thing-done ${text}`);
  assert.deepEqual(
    exchanges.entries.thingDone.routingKey.map((part: { name: string; constant?: string }) => [part.name, part.constant]),
    [['routingKeyKind', text], ['__proto__', undefined], ['not an identifier', undefined]],
  );
  // The classes work with those values: a binding and a URL.
  const events = new module.XEvents({});
  // JSON.parse makes "__proto__" an own property, as a caller's pattern object would need it.
  const binding = events.thingDone(JSON.parse('{"__proto__": "p", "not an identifier": "n"}'));
  assert.equal(binding.routingKeyPattern, `${text}.p.n`);
  assert.equal(binding.exchange, `exchanges/${text}/thing-done ${text}`);
  const client = new module.X({ rootUrl: 'https://tc.example.com' });
  assert.equal(typeof client.make, 'function');
});

test(
  'a routing key part named __proto__ can be left out of a pattern',
  async () => {
    const module = await import(pathToFileURL(path.join(ws.out, 'dist/services/x.js')).href);
    assert.equal(new module.XEvents({}).thingDone({}).routingKeyPattern, `${text}.*.#`);
  },
);

test('enum values and property names survive exactly in the .d.ts', () => {
  const literals = new Set<string>();
  const names = new Set<string>();
  walk(parse('dist/services/x.d.ts'), (node) => {
    if (ts.isStringLiteral(node)) literals.add(node.text);
    if (ts.isPropertySignature(node)) names.add(ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : node.name.getText());
  });
  for (const value of ENUM) assert.ok(literals.has(value), `enum value ${JSON.stringify(value)} as a string literal type`);
  for (const name of [...PROPERTIES, 'kind', text]) assert.ok(names.has(name), `property ${JSON.stringify(name)}`);
});

test('doc comments hold the descriptions with only */ neutralised', () => {
  const source = files.get('dist/services/x.d.ts')!;
  const comments = [...source.matchAll(/\/\*\*[\s\S]*?\*\//g)].map((m) => m[0]);
  assert.ok(comments.some((comment) => comment.includes('*\\/ PWNED(); /*') && comment.includes('${PWNED()}')));
  // tsType is never taken from the reference.
  assert.ok(!/:\s*PWNED\(\)/.test(source));
});

test('a $ref cycle generates: the type refers to itself', () => {
  const dts = files.get('dist/services/x.d.ts')!;
  assert.match(dts, /export interface TreeNode \{[^}]*children\?: TreeNode\[\];/);
  assert.match(dts, /parent\?: TreeNodeLink;/);
  assert.match(dts, /export interface TreeNodeLink \{[^}]*node\?: TreeNode;[^}]*next\?: TreeNodeLink;/);
});

test('U+2028 and U+2029 in reference text never reach generated JavaScript or the README raw: escaped in string literals, values exact', async () => {
  const { literal } = await import('../../generator/render/escape.ts');
  assert.equal(literal('a\u2028b\u2029c'), '"a\\u2028b\\u2029c"');
  assert.deepEqual(JSON.parse(literal(['\u2028', '\u2029'])), ['\u2028', '\u2029']);
  // The hostile text holds both. The JavaScript any runtime or bundler parses, and the README, never
  // hold them raw (.d.ts literal types may: TypeScript reads ES2019 strings; JSON allows them).
  for (const [file, source] of files) {
    if (!/\.(js|md)$/.test(file)) continue;
    assert.ok(!/[\u2028\u2029]/.test(source), `${file} holds a raw U+2028 or U+2029`);
  }
  assert.ok(files.get('dist/services/x.js')!.includes('\\u2028'), 'the escape is in the module constants');
});
