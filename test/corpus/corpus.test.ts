// The real references, whole: v87.1.3 and v44.0.0 from ../shared/taskcluster-references are each
// generated once into a temp dir (skipped with a message when ../shared is missing). Checks that
// the package holds every service of the manifest, type-checks (generate() refuses code that
// does not), imports and constructs in a plain `node` child process (no tsx), that its exported
// type names are clean, and that every events method binds exactly as taskcluster-client 87.1.3.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { pascalCase } from '../../generator/model/names.ts';
import type { PackageModel } from '../../generator/model/model.ts';
import { dirSource, generateInto, importDist, modelOf, officialClient, skipUnlessSnapshot, snapshotDir, VERSIONS, type Generated, type Version } from './helpers.ts';

interface RoutingKeyPart { name: string; multipleWords?: boolean; constant?: string }
interface RawReference { $schema: string; serviceName: string; exchangePrefix?: string; entries: Array<{ type: string; name: string; exchange?: string; routingKey?: RoutingKeyPart[] }> }

async function references(version: Version): Promise<RawReference[]> {
  const dir = snapshotDir(version);
  const manifest = JSON.parse(await readFile(path.join(dir, 'references', 'manifest.json'), 'utf8')) as { references: string[] };
  const all = await Promise.all(manifest.references.map(async (ref) => JSON.parse(await readFile(path.join(dir, ref), 'utf8')) as RawReference));
  return all.filter((r) => /\/(api|exchanges)-reference-v0\.json#$/.test(r.$schema));
}

/** Routing-key patterns to try: empty, none, some keys, all keys (numbers, multi-word values), nulls, a raw string. */
function patterns(keys: RoutingKeyPart[]): unknown[] {
  const all: Record<string, unknown> = {};
  const some: Record<string, unknown> = {};
  const numbers: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    all[key.name] = key.multipleWords ? `word.more.words${i}` : `value-${i}`;
    numbers[key.name] = key.multipleWords ? 'a.#' : i * 7;
    if (i % 2 === 1) some[key.name] = key.multipleWords ? 'x.y' : i;
    if (i === 2) some[key.name] = null;
  });
  return [undefined, null, {}, some, all, numbers, 'primary.#', { notAKey: 'ignored' }];
}

/** The protocol's rule (PROTOCOL.md, routing keys), written independently of runtime and official client. */
function expectedPattern(keys: RoutingKeyPart[], pattern: unknown): string {
  if (typeof pattern === 'string') return pattern;
  const values = (pattern ?? {}) as Record<string, unknown>;
  return keys
    .map((key) => {
      const value = key.constant ?? values[key.name];
      if (value === undefined || value === null) return key.multipleWords ? '#' : '*';
      return String(value);
    })
    .join('.');
}

/** Exported declarations of a .d.ts: `export type X`, `export interface X`, `export declare class X`. */
function exportedNames(dts: string): string[] {
  return [...dts.matchAll(/^export (?:declare )?(?:type|interface|class|const|function) ([A-Za-z0-9_$]+)/gm)].map((m) => m[1]!);
}

const run = promisify(execFile);

for (const version of VERSIONS) {
  const skip = skipUnlessSnapshot(version);
  describe(`${version}: the whole reference`, { skip }, () => {
    let generated: Generated;
    let model: PackageModel;
    let refs: RawReference[];
    before(async () => {
      [generated, model, refs] = await Promise.all([generateInto({ references: snapshotDir(version) }), modelOf(dirSource(version)), references(version)]);
    });
    after(() => generated?.cleanup());

    test('every api and exchanges service of the manifest is a module, class and subpath export; code type-checks', async () => {
      // generate() resolving means the emit stage type-checked the package under strict.
      const services = [...new Set(refs.map((r) => r.serviceName))].sort();
      assert.deepEqual(model.services.map((s) => s.serviceName), services);
      const pkg = JSON.parse(await readFile(path.join(generated.out, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
      assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './runtime', './pulse', './validation', './workers', ...services.map((s) => `./${s}`)].sort());
      for (const service of services) {
        for (const ext of ['.js', '.d.ts']) assert.ok(generated.files.includes(`dist/services/${service}${ext}`), `dist/services/${service}${ext}`);
      }
      const index = await importDist(generated.out);
      for (const ref of refs) {
        const name = pascalCase(ref.serviceName) + (ref.$schema.includes('exchanges') ? 'Events' : '');
        assert.equal(typeof index[name], 'function', `${name} exported`);
        const methods = Object.getOwnPropertyNames(index[name].prototype).filter((m) => m !== 'constructor');
        const wanted = ref.entries.filter((e) => e.type === 'function' || e.type === 'topic-exchange').map((e) => e.name);
        assert.deepEqual(methods, wanted, `${name}: one method per entry, in entry order`);
      }
    });

    test('dist imports and constructs in a plain node process (no tsx)', async () => {
      // Every subpath export is imported; every client and events class of the entry point constructed.
      const base = JSON.stringify(pathToFileURL(generated.out + '/').href);
      const script = `
        const base = ${base};
        const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('package.json', base), 'utf8'));
        const modules = {};
        // ./pulse has only a node condition (Node only, never in a browser bundle).
        for (const [subpath, target] of Object.entries(pkg.exports)) modules[subpath] = await import(new URL(target.default ?? target.node, base));
        const index = modules['.'];
        const classes = new Set(); // distinct: Object is also exported as ObjectService
        for (const value of Object.values(index)) {
          if (typeof value !== 'function' || !(value.prototype instanceof index.Client || value.prototype instanceof index.EventsClient)) continue;
          new value({ rootUrl: 'https://tc.example.com' });
          classes.add(value);
        }
        console.log(classes.size);`;
      const env = { ...process.env };
      delete env.NODE_OPTIONS;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: generated.out, env, timeout: 120_000 });
      const expected = refs.length;
      assert.equal(Number(stdout.trim()), expected, 'every client and events class constructed');
    });

    test('exported type names: clean, unique ignoring case, exactly the model names, one per schema', async () => {
      for (const service of model.services) {
        const dts = await readFile(path.join(generated.out, 'dist', 'services', `${service.serviceName}.d.ts`), 'utf8');
        const names = exportedNames(dts);
        const classes = [service.api && service.className, service.exchanges && service.eventsClassName].filter(Boolean);
        assert.deepEqual(names.filter((n) => !classes.includes(n)).sort(), service.types.map((t) => t.name).sort(), service.serviceName);
        for (const name of names) {
          assert.doesNotMatch(name, /^Var|\d$/, `${service.serviceName}: ${name}`);
          assert.match(name, /^[A-Z][A-Za-z0-9]*$/, `${service.serviceName}: ${name}`);
        }
        const lower = names.map((n) => n.toLowerCase());
        assert.equal(new Set(lower).size, lower.length, `${service.serviceName}: names differing only by case`);
        const code = dts.replace(/\/\*[\s\S]*?\*\//g, '');
        assert.doesNotMatch(code, /\bany\b/, `${service.serviceName}: no any`);
        const keys = service.types.map((t) => t.schema.key);
        assert.equal(new Set(keys).size, keys.length, `${service.serviceName}: one type per schema`);
        // Every document root ($id) that the service reaches is one type, named once.
        const roots = service.types.filter((t) => t.schema.target.pointer === '').map((t) => t.schema.document.path);
        assert.equal(new Set(roots).size, roots.length);
        for (const entry of service.exchanges?.entries ?? []) {
          assert.ok(entry.messageType, `${service.serviceName}.${entry.name}: a named message type`);
          assert.ok(names.includes(entry.messageType!), `${entry.messageType} exported`);
          assert.match(dts, new RegExp(`Messages are \\{@link ${entry.messageType}\\}`));
        }
        for (const entry of service.api?.entries ?? []) {
          if (entry.input) assert.ok(entry.inputType && names.includes(entry.inputType), `${service.serviceName}.${entry.name} input`);
          if (entry.output) assert.ok(entry.outputType && names.includes(entry.outputType), `${service.serviceName}.${entry.name} output`);
        }
      }
    });

    test('every exchange entry binds as the protocol says (and as taskcluster-client 87.1.3 does)', async () => {
      const index = await importDist(generated.out);
      const { tc, apis } = await officialClient();
      let checked = 0;
      let official = 0;
      for (const ref of refs.filter((r) => r.$schema.includes('exchanges'))) {
        const className = pascalCase(ref.serviceName) + 'Events';
        const ours = new index[className]({ rootUrl: 'https://tc.example.com' });
        const theirsReference = apis[className]?.reference;
        const theirs = theirsReference && new tc[className]({ rootUrl: 'https://tc.example.com' });
        if (version === 'v87.1.3') assert.ok(theirs, `the official client has ${className}`);
        for (const entry of ref.entries.filter((e) => e.type === 'topic-exchange')) {
          const keys = entry.routingKey!;
          const officialEntry = theirsReference?.entries.find((e: { name: string }) => e.name === entry.name);
          const comparable = officialEntry && officialEntry.exchange === entry.exchange && theirsReference.exchangePrefix === ref.exchangePrefix;
          if (version === 'v87.1.3') assert.ok(comparable, `the official client has ${className}.${entry.name} as in the reference`);
          for (const pattern of patterns(keys)) {
            const what = `${className}.${entry.name}(${JSON.stringify(pattern)})`;
            const binding = ours[entry.name](pattern);
            assert.deepStrictEqual(binding, { exchange: ref.exchangePrefix! + entry.exchange!, routingKeyPattern: expectedPattern(keys, pattern), routingKeyReference: keys }, what);
            // v44 entries are compared where the official (v87) client has the same exchange and routing key.
            if (comparable && isDeepStrictEqual(officialEntry.routingKey, keys)) {
              assert.deepStrictEqual(binding, theirs[entry.name](pattern), `${what} equals the official client's`);
              official++;
            }
            checked++;
          }
        }
      }
      assert.ok(checked > 100, `checked ${checked} bindings`);
      if (version === 'v87.1.3') assert.equal(official, checked, 'every v87 binding compared with the official client');
    });
  });
}
