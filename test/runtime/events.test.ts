// Bindings compared with the official client's events classes for every exchange of
// every service in taskcluster-client 87.1.3 (its embedded references).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventsClient, bindExchange, type ExchangeDefinition, type ExchangesDefinition, type RoutingKeyDefinition } from '../../templates/runtime/index.ts';

interface RefEntry { type: string; name: string; exchange: string; routingKey: RoutingKeyDefinition[] }
interface Reference { exchangePrefix: string; serviceName: string; apiVersion: string; entries: RefEntry[] }
type Binder = Record<string, (pattern?: unknown) => unknown>;

async function load(): Promise<{ tc: Record<string, new (o: object) => Binder>; apis: Record<string, { reference: Reference }> }> {
  const tc = (await import('taskcluster-client' as string)).default as Record<string, new (o: object) => Binder>;
  const apis = (await import('taskcluster-client/src/apis.js' as string)).default as Record<string, { reference: Reference }>;
  return { tc, apis };
}

/** What the generator emits for a reference (docs/contract.md), here built from the data. */
function definition(ref: Reference): ExchangesDefinition {
  const entries: Record<string, ExchangeDefinition> = {};
  for (const e of ref.entries.filter((x) => x.type === 'topic-exchange')) {
    entries[e.name] = { name: e.name, exchange: e.exchange, routingKey: structuredClone(e.routingKey) };
  }
  return { exchangePrefix: ref.exchangePrefix, serviceName: ref.serviceName, apiVersion: ref.apiVersion, entries };
}

function patterns(keys: readonly RoutingKeyDefinition[]): unknown[] {
  const all: Record<string, unknown> = {};
  const some: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    all[k.name] = k.multipleWords ? `a.b${i}` : i % 2 ? i : `v${i}`;
    if (i % 2 === 0) some[k.name] = `w${i}`;
    if (i === 1) some[k.name] = null;
  });
  return [undefined, null, {}, all, some, 'raw.pattern.#', { unrelated: 'x' }];
}

test('bindings equal the official events classes, for every exchange', async () => {
  const { tc, apis } = await load();
  let checked = 0;
  for (const [className, { reference }] of Object.entries(apis)) {
    if (!className.endsWith('Events')) continue;
    const theirs = new tc[className]!({ rootUrl: 'https://tc.example.com' });
    const def = definition(reference);
    const ours = new EventsClient(def, { rootUrl: 'https://tc.example.com' });
    for (const entry of Object.values(def.entries)) {
      for (const p of patterns(entry.routingKey)) {
        assert.deepEqual(bindExchange(ours, entry, p as object), theirs[entry.name]!(p), `${className}.${entry.name}(${JSON.stringify(p)})`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `checked ${checked} bindings`);
});

test('invalid patterns are refused as the official client refuses them', async () => {
  const { tc, apis } = await load();
  const def = definition(apis.QueueEvents!.reference);
  const ours = new EventsClient(def);
  const theirs = new tc.QueueEvents!({ rootUrl: 'https://tc.example.com' });
  const entry = def.entries.taskDefined!;
  for (const bad of [{ taskId: 'has.dot' }, { taskId: { x: 1 } }, { taskId: true }]) {
    assert.throws(() => theirs.taskDefined!(bad));
    assert.throws(() => bindExchange(ours, entry, bad), TypeError);
  }
  assert.throws(() => bindExchange(ours, entry, 5 as never), /must be an object/);
  // routingKeyReference is a copy: mutating it does not change the definition.
  const b = bindExchange(ours, entry);
  (b.routingKeyReference[0] as { name: string }).name = 'changed';
  assert.notEqual(entry.routingKey[0]!.name, 'changed');
});

test('EventsOptions: rootUrl optional, checked when given; exchangePrefix refused', () => {
  const def: ExchangesDefinition = { exchangePrefix: 'exchanges/x/v1/', serviceName: 'x', apiVersion: 'v1', entries: {} };
  assert.doesNotThrow(() => new EventsClient(def));
  assert.throws(() => new EventsClient(def, { rootUrl: 'ftp://x' }), /http or https/);
  assert.throws(() => new EventsClient(def, { exchangePrefix: 'y' } as never), /exchangePrefix/);
});
