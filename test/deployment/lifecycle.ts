// The task lifecycle through the real queue, each step made by both clients on tasks of their
// own: createTask, task, status, listTaskGroup over several pages, claimWork and the claim's
// credentials, a retried 500, artifacts, reportCompleted; reportFailed, rerunTask, cancelTask.
// Meanwhile our consume() listens to the queue's own Pulse messages (pulse.ts checks them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { artifactTests, createArtifacts } from './artifacts.ts';
import type { Context, Side } from './compare.ts';
import { until } from './helpers.ts';
import { checkMessages, consumeOverTls } from './pulse.ts';
import { pulseApp, type Seen } from './pulse-app.ts';
import { PROVISIONER, claims, ccRoute, expiresIn, taskDefinition, withoutSecrets, workerType } from './tasks.ts';

export function lifecycleTests(context: () => Context, skip: string | false): void {
  describe('queue: the task lifecycle, and its Pulse messages', () => {
    const seen: Seen[] = [];
    const routed: Seen[] = [];
    const consumers: Array<{ stop(): Promise<void> }> = [];

    before(async () => {
      if (skip) return;
      const c = context();
      const app = await pulseApp(c.scratch);
      const ours = c.cmp.sides.ours;
      // one consumer for the task group, one that only a CC route (task.routes) can reach
      consumers.push(await app.listen(c.deployment.pulse.url, ours.id('group'), ccRoute(c, ours), seen));
      consumers.push(await app.listen(c.deployment.pulse.url, ours.id('no-such-group'), ccRoute(c, ours), routed));
    });
    after(async () => {
      for (const consumer of consumers) await consumer.stop();
    });

    const main = (s: Side) => s.id('task');

    test('createTask, task, status', { skip }, async () => {
      const c = context();
      const created = await c.cmp.resolved('queue.createTask', (s) => s.queue.createTask(main(s), taskDefinition(c, s, workerType(c, s, 'a'))));
      assert.equal((created as any).status.state, 'pending');
      const task = await c.cmp.resolved('queue.task', (s) => s.queue.task(main(s)));
      assert.deepEqual((task as any).routes.length, 2);
      const status = await c.cmp.resolved('queue.status', (s) => s.queue.status(main(s)));
      assert.deepEqual((status as any).status.runs.map((r: any) => r.state), ['pending']);
    });

    test('listTaskGroup, paginated over more than one page', { skip }, async () => {
      const c = context();
      for (const n of [1, 2]) {
        await c.cmp.resolved(`queue.createTask (idle ${n})`, (s) => s.queue.createTask(s.id(`idle-${n}`), taskDefinition(c, s, workerType(c, s, 'idle'))));
      }
      // Every page, with limit 1; tasks come in taskId order, which differs per side: sorted by name to compare.
      const pages: Record<string, number> = {};
      const all = async (s: Side) => {
        const tasks: any[] = [];
        let pageCount = 0;
        if (s.name === 'ours') {
          for await (const page of c.ours['paginate'](s.queue, s.queue.listTaskGroup, s.id('group'), { limit: 1 })) {
            pageCount++;
            tasks.push(...page.tasks);
          }
        } else {
          let continuationToken: string | undefined;
          do {
            const page = await s.queue.listTaskGroup(s.id('group'), { limit: 1, ...(continuationToken ? { continuationToken } : {}) });
            pageCount++;
            tasks.push(...page.tasks);
            continuationToken = page.continuationToken;
          } while (continuationToken);
        }
        pages[s.name] = pageCount;
        return tasks;
      };
      const theirs = await c.cmp.settle('theirs', all);
      const ours = await c.cmp.settle('ours', all);
      const named = (name: 'ours' | 'theirs', outcome: any) =>
        (c.cmp.normalize(name, outcome.resolved) as any[]).sort((a, b) => a.status.taskId.localeCompare(b.status.taskId));
      assert.ok(pages['ours']! >= 3, `ours read ${pages['ours']} pages`);
      assert.equal(ours.value?.length, 3);
      assert.deepEqual(named('ours', ours.outcome), named('theirs', theirs.outcome));
      // the first request of each is the same; later ones carry each side's own continuationToken
      assert.equal(ours.requests[0]!.query, '?limit=1');
      assert.equal(theirs.requests[0]!.query, '?limit=1');
      assert.match(ours.requests[1]!.query, /^\?limit=1&continuationToken=/);
    });

    test('claimWork; the claim\'s temporary credentials create artifacts; a 500 is retried; reclaimTask; reportCompleted', { skip }, async () => {
      const c = context();
      const { theirs, ours } = await c.cmp.same(
        'queue.claimWork',
        (s) => s.queue.claimWork(`${PROVISIONER}/${workerType(c, s, 'a')}`, { workerGroup: 'tcgen', workerId: 'worker-1', tasks: 1 }),
        withoutSecrets,
      );
      for (const [side, claimed] of [['theirs', theirs], ['ours', ours]] as const) {
        const [one] = (claimed.value as any).tasks;
        assert.equal(one.status.taskId, c.cmp.sides[side].id('task'));
        assert.match(one.credentials.clientId, /^task-client\//);
        claims[side] = { runId: one.runId, credentials: one.credentials };
      }
      const worker = (s: Side) => s.with({ credentials: claims[s.name]!.credentials });
      // The worker's certificate holds exactly the scopes the queue gave the run.
      const scopes = JSON.parse(claims.ours!.credentials.certificate).scopes as string[];
      assert.ok(scopes.includes(`queue:create-artifact:${main(c.cmp.sides.ours)}/0`), scopes.join(' '));
      await createArtifacts(c, worker);

      // No object service: the queue answers 500 for an object artifact. Retried as configured, by both.
      const { ours: failed, theirs: failedToo } = await c.cmp.same('queue.createArtifact (object: 500, retried twice)', (s) =>
        s.with({ credentials: claims[s.name]!.credentials, retries: 2, delayFactor: 10 }).queue.createArtifact(main(s), 0, 'public/object.bin', { storageType: 'object', contentType: 'application/octet-stream', expires: expiresIn(3_600_000) }),
        (v) => JSON.parse(JSON.stringify(v).replace(/incidentId [0-9a-f-]+/g, 'incidentId <id>')));
      assert.equal(failed.error?.statusCode, 500);
      assert.equal(failed.error?.code, 'InternalServerError');
      assert.equal(failed.error?.retries, 2);
      assert.equal(failed.requests.length, 3);
      assert.equal(failedToo.requests.length, 3);

      // reclaimTask: new credentials for the run; the suite goes on with them
      const { ours: reclaimed, theirs: reclaimedToo } = await c.cmp.same('queue.reclaimTask', (s) => worker(s).queue.reclaimTask(main(s), 0), withoutSecrets);
      for (const [side, answer] of [['theirs', reclaimedToo], ['ours', reclaimed]] as const) {
        const credentials = (answer.value as any).credentials;
        assert.notEqual(credentials.accessToken, claims[side]!.credentials.accessToken);
        claims[side] = { runId: 0, credentials };
      }
      const completed = await c.cmp.resolved('queue.reportCompleted', (s) => worker(s).queue.reportCompleted(main(s), 0));
      assert.equal((completed as any).status.state, 'completed');
    });

    artifactTests(context, skip);

    test('Pulse: the queue\'s own messages for the task, through consume()', { skip }, async () => {
      const c = context();
      const ours = c.cmp.sides.ours;
      const taskId = main(ours);
      await until(() => seen.some((m) => m.taskId === taskId && m.exchange.endsWith('/task-completed')), 'task-completed from the task group binding');
      await until(() => routed.length > 0, 'task-completed through the CC route');
      await checkMessages(c, taskId, seen, routed);
    });

    test('Pulse over TLS, connecting with credentials and a hostname as applications do', { skip }, async () => {
      const c = context();
      const ours = c.cmp.sides.ours;
      const group = ours.id('tls-group');
      const lines: Array<Record<string, unknown>> = [];
      const consumer = await consumeOverTls(c, group, (line) => void lines.push(line));
      try {
        await consumer.ready;
        await ours.queue.createTask(ours.id('tls-task'), taskDefinition(c, ours, workerType(c, ours, 'tls'), { taskGroupId: group }));
        await until(() => lines.length > 0, 'task-defined over amqps');
      } finally {
        await consumer.stop();
      }
      assert.deepEqual(lines, [{
        exchange: 'exchange/taskcluster-queue/v1/task-defined',
        routingKey: `primary.${ours.id('tls-task')}._._._.${PROVISIONER}.${workerType(c, ours, 'tls')}.tcgen-test.${group}._`,
        taskId: ours.id('tls-task'),
      }]);
      await ours.queue.cancelTask(ours.id('tls-task'));
    });

    test('reportFailed, rerunTask, cancelTask', { skip }, async () => {
      const c = context();
      const other = (s: Side) => s.id('task-b');
      await c.cmp.resolved('queue.createTask (b)', (s) => s.queue.createTask(other(s), taskDefinition(c, s, workerType(c, s, 'b'), { retries: 0 })));
      const claimed = await c.cmp.same('queue.claimWork (b)', (s) => s.queue.claimWork(`${PROVISIONER}/${workerType(c, s, 'b')}`, { workerGroup: 'tcgen', workerId: 'worker-2', tasks: 1 }), withoutSecrets);
      const worker = (s: Side) => s.with({ credentials: ((s.name === 'ours' ? claimed.ours : claimed.theirs).value as any).tasks[0].credentials });
      const failed = await c.cmp.resolved('queue.reportFailed', (s) => worker(s).queue.reportFailed(other(s), 0));
      assert.equal((failed as any).status.state, 'failed');
      const rerun = await c.cmp.resolved('queue.rerunTask', (s) => s.queue.rerunTask(other(s)));
      assert.deepEqual((rerun as any).status.runs.map((r: any) => [r.state, r.reasonCreated]), [['failed', 'scheduled'], ['pending', 'rerun']]);
      const canceled = await c.cmp.resolved('queue.cancelTask', (s) => s.queue.cancelTask(other(s)));
      assert.deepEqual((canceled as any).status.runs.map((r: any) => [r.state, r.reasonResolved]), [['failed', 'failed'], ['exception', 'canceled']]);
      // the run's credentials die with the run: reportCompleted on a resolved run is a 409
      const { ours } = await c.cmp.same('queue.reportCompleted on a canceled run', (s) => worker(s).queue.reportCompleted(other(s), 0));
      assert.equal(ours.error?.statusCode, 409);
    });
  });
}
