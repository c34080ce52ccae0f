// Errors as the real services send them, each compared with what the official client reports
// for the same call: 400 (the service's schema check), 404, 409 (createTask again with another
// definition). The retried 5xx (an object artifact, with no object service) is in lifecycle.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Context } from './compare.ts';
import { taskDefinition, workerType } from './tasks.ts';

export function errorTests(context: () => Context, skip: string | false): void {
  describe('errors as the services send them', () => {
    test('400: input the service\'s schema refuses', { skip }, async () => {
      const c = context();
      const { ours } = await c.cmp.same('queue.createTask (workerType not matching its pattern)', (s) =>
        s.queue.createTask(s.id('bad-task'), taskDefinition(c, s, 'Not_A_Worker_Type')));
      assert.equal(ours.error?.statusCode, 400);
      assert.equal(ours.error?.code, 'InputValidationError');
      assert.match(String(ours.error?.message), /Schema Validation Failed!/);
      assert.match(String(ours.error?.message), /data\/workerType must match pattern/);
      assert.equal(ours.error?.retries, 0);
    });

    test('404: a task that does not exist', { skip }, async () => {
      const c = context();
      const { ours } = await c.cmp.same('queue.task (unknown taskId)', (s) => s.queue.task(s.id('never-created')));
      assert.equal(ours.error?.statusCode, 404);
      assert.equal(ours.error?.code, 'ResourceNotFound');
      assert.equal(ours.error?.body?.requestInfo?.method, 'task');
    });

    test('409: createTask again, same taskId, another definition', { skip }, async () => {
      const c = context();
      const taskId = (s: any) => s.id('conflict');
      const definition = (s: any, name: string) => taskDefinition(c, s, workerType(c, s, 'conflict'), { metadata: { name, description: 'd', owner: 'tcgen@example.com', source: 'https://github.com/taskcluster/taskcluster' } });
      await c.cmp.resolved('queue.createTask (first)', (s) => s.queue.createTask(taskId(s), definition(s, 'first')));
      const { ours } = await c.cmp.same('queue.createTask (conflicting)', (s) => s.queue.createTask(taskId(s), definition(s, 'second')));
      assert.equal(ours.error?.statusCode, 409);
      assert.equal(ours.error?.code, 'RequestConflict');
      // cancel it: nothing claims from this run's queues later
      await c.cmp.resolved('queue.cancelTask (conflict)', (s) => s.queue.cancelTask(taskId(s)));
    });
  });
}
