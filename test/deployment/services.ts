// Index, secrets and purge-cache on the real services, each call made by both clients with
// names of their own (this run's, this side's).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context, Side } from './compare.ts';
import { expiresIn, namespace } from './tasks.ts';

export function serviceTests(context: () => Context, skip: string | false): void {
  describe('index, secrets, purge-cache', () => {
    test('index: the completed task, indexed through its route by the index\'s Pulse handler, found by findTask', { skip }, async () => {
      const c = context();
      // The index handler indexes on task-completed, asynchronously: wait for both sides' tasks.
      for (const side of Object.values(c.cmp.sides)) {
        const end = Date.now() + 30_000;
        for (;;) {
          const found = await side.index.findTask(namespace(c, side)).then(() => true, (e: any) => (e.statusCode === 404 && Date.now() < end ? false : Promise.reject(e)));
          if (found) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      const indexed = await c.cmp.resolved('index.findTask', (s) => s.index.findTask(namespace(c, s)));
      assert.equal((indexed as any).taskId, c.cmp.sides.ours.id('task'));
      assert.equal((indexed as any).namespace, namespace(c, c.cmp.sides.ours));
    });

    test('index: insertTask, findTask, listTasks, listNamespaces', { skip }, async () => {
      const c = context();
      const ns = (s: Side) => `${namespace(c, s)}.sub.inserted`;
      const data = { purpose: 'tcgen deployment suite', nested: { n: 1.5, text: 'ä' } };
      const inserted = await c.cmp.resolved('index.insertTask', (s) => s.index.insertTask(ns(s), { taskId: s.id('task'), rank: 3, data, expires: expiresIn(3_600_000) }));
      assert.equal((inserted as any).rank, 3);
      assert.deepEqual(await c.cmp.resolved('index.findTask (inserted)', (s) => s.index.findTask(ns(s))), inserted);
      const listed = await c.cmp.resolved('index.listTasks', (s) => s.index.listTasks(`${namespace(c, s)}.sub`));
      assert.deepEqual((listed as any).tasks.map((t: any) => t.namespace), [ns(c.cmp.sides.ours)]);
      const spaces = await c.cmp.resolved('index.listNamespaces', (s) => s.index.listNamespaces(namespace(c, s)));
      assert.deepEqual((spaces as any).namespaces.map((n: any) => [n.name, n.namespace]), [['sub', `${namespace(c, c.cmp.sides.ours)}.sub`]]);
      // The root namespace: an empty route argument, sent as such (GET …/namespaces/), as the official client sends it.
      const root = await c.cmp.sides.ours.index.listNamespaces('');
      assert.ok((root as any).namespaces.some((n: any) => n.namespace === namespace(c, c.cmp.sides.ours).split('.')[0]), JSON.stringify(root).slice(0, 300));
    });

    test('secrets: set, get, list, remove', { skip }, async () => {
      const c = context();
      const name = (s: Side) => s.known('secret', `tcgen-test/${c.run}/${s.name}`);
      const secret = { token: 'not-a-real-secret', list: [1, null, 'é'] };
      await c.cmp.resolved('secrets.set', (s) => s.secrets.set(name(s), { secret, expires: expiresIn(3_600_000) }));
      const read = await c.cmp.resolved('secrets.get', (s) => s.secrets.get(name(s)));
      assert.deepEqual((read as any).secret, secret);
      // Every page, limit 1: more than one page whenever the deployment holds two secrets (both sides' do).
      const listed = async (s: Side) => {
        const names: string[] = [];
        let pages = 0;
        for await (const page of c.ours['paginate'](s.secrets, s.secrets.list, { limit: 1 })) {
          pages++;
          names.push(...page.secrets);
        }
        return { pages, names };
      };
      const ours = await listed(c.cmp.sides.ours);
      assert.ok(ours.pages >= 2);
      assert.ok(ours.names.includes(name(c.cmp.sides.ours)) && ours.names.includes(name(c.cmp.sides.theirs)));
      await c.cmp.same('secrets.list (first page)', (s) => s.secrets.list({ limit: 1 }), (v) => ({ ...v, resolved: { ...v.resolved, secrets: v.resolved.secrets.length, continuationToken: typeof v.resolved.continuationToken } }));
      await c.cmp.resolved('secrets.remove', (s) => s.secrets.remove(name(s)));
      const { ours: gone } = await c.cmp.same('secrets.get after remove', (s) => s.secrets.get(name(s)));
      assert.equal(gone.error?.statusCode, 404);
      assert.equal(gone.error?.code, 'ResourceNotFound');
    });

    test('purge-cache: a purge request made, and listed', { skip }, async () => {
      const c = context();
      const pool = (s: Side) => `tcgen-test/${s.known('pool', `${c.run}-${s.name}`)}`;
      await c.cmp.resolved('purgeCache.purgeCache', (s) => s.purgeCache.purgeCache(pool(s), { cacheName: 'tcgen-cache' }));
      const requests = await c.cmp.resolved('purgeCache.purgeRequests', (s) => s.purgeCache.purgeRequests(pool(s)));
      // listed by provisionerId and workerType, as the v87.1.3 schema (purge-cache-requests.json) has it
      assert.deepEqual((requests as any).requests.map((r: any) => [`${r.provisionerId}/${r.workerType}`, r.cacheName]), [[pool(c.cmp.sides.ours), 'tcgen-cache']]);
      const all: any[] = [];
      for await (const page of c.ours['paginate'](c.cmp.sides.ours.purgeCache, c.cmp.sides.ours.purgeCache.allPurgeRequests, {})) all.push(...page.requests);
      assert.ok(all.some((r) => `${r.provisionerId}/${r.workerType}` === pool(c.cmp.sides.ours) && r.cacheName === 'tcgen-cache'));
    });
  });
}
