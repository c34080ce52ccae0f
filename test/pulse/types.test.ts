// The typed end of Pulse consumption, as an application sees it: the package generated from the
// real v87.1.3 references, its `/queue` and `/pulse` subpaths, type-checked under strict NodeNext. Each `@ts-expect-error` line must be an error (an unused directive is
// one too), so that `payload` is shown to narrow by `exchange`. The main entry must not reach amqplib.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { compileApp } from '../corpus/compile-app.ts';
import { generate } from '../../generator/generate.ts';
import { listFiles } from '../../generator/write/write.ts';
import { skipUnlessSnapshot, snapshotDir } from '../corpus/helpers.ts';
import { REPO_ROOT } from '../generator/helpers.ts';

const APPLICATION = `import { QueueEvents, type TaskCompletedMessage, type TaskGroupChangedMessage } from '@tcgen/taskcluster-client/queue';
import { consume, type PulseMessage } from '@tcgen/taskcluster-client/pulse';
import type { Binding } from '@tcgen/taskcluster-client/runtime';

const COMPLETED = 'exchange/taskcluster-queue/v1/task-completed';
const events = new QueueEvents();
const completed: Binding<TaskCompletedMessage, typeof COMPLETED> = events.taskCompleted({ provisionerId: 'proj' });
// @ts-expect-error a binding carries its own exchange's message type
const mislabelled: Binding<TaskGroupChangedMessage> = events.taskCompleted();
// @ts-expect-error and its own exchange's name
const renamed: Binding<TaskCompletedMessage, 'exchange/taskcluster-queue/v1/task-failed'> = events.taskCompleted();

export async function main(): Promise<string[]> {
  const seen: string[] = [];
  const consumer = await consume(
    { connection: 'amqp://localhost', queueName: 'builds', bindings: [completed, events.taskGroupResolved(), { ...events.taskCompleted(), routingKeyPattern: 'route.index.#' }] },
    async (message) => {
      // @ts-expect-error not narrowed yet: a task-group-resolved message has no runId
      seen.push(String(message.payload.runId));
      // @ts-expect-error an exchange no binding names is not a possible value
      if (message.exchange === 'exchange/taskcluster-queue/v1/task-failed') return;
      if (message.exchange === COMPLETED) {
        const payload: TaskCompletedMessage = message.payload;
        seen.push(payload.status.taskId, String(message.payload.runId), ...message.routes);
      } else {
        const payload: TaskGroupChangedMessage = message.payload;
        seen.push(payload.taskGroupId);
        // @ts-expect-error narrowed to task-group-resolved: no status
        seen.push(message.payload.status.taskId);
      }
    },
  );
  // @ts-expect-error prefetch is a number
  await consume({ connection: 'amqp://localhost', bindings: [completed], prefetch: '5' }, async () => {});
  // @ts-expect-error the handler takes the bindings' messages
  await consume({ connection: 'amqp://localhost', bindings: [completed] }, async (message: PulseMessage<Binding<TaskGroupChangedMessage, 'x'>>) => void message);
  await consume({ connection: { username: 'u', password: 'p', hostname: 'pulse.example.com' }, bindings: [completed] }, (message) => void seen.push(message.payload.workerId));
  await consumer.stop();
  void mislabelled;
  void renamed;
  return seen;
}
`;

const skip = skipUnlessSnapshot('v87.1.3');
let scratch: string;
let out: string;

before(async () => {
  if (skip) return;
  // Inside the repository, so that @types/node resolves as an application's would.
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  scratch = await mkdtemp(path.join(cache, 'tcgen-pulse-types-'));
  out = path.join(scratch, 'node_modules', '@tcgen', 'taskcluster-client');
  await generate({ references: snapshotDir('v87.1.3'), out });
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('payload narrows by exchange; bindings carry their message type and exchange name', { skip }, async () => {
  await writeFile(path.join(scratch, 'package.json'), '{ "type": "module" }');
  await writeFile(path.join(scratch, 'application.ts'), APPLICATION);
  // The package's declarations were checked when it was emitted (and by consumer.test.ts with library
  // checking on); skipping @types/node's here (compileApp's default) keeps this test to a few seconds.
  assert.deepEqual(compileApp([path.join(scratch, 'application.ts')]).diagnostics, []);
});

/** Application code the first version refused: hand-made bindings with a template pattern, and `undefined` routing-key values. */
const HAND_MADE = `import { QueueEvents } from '@tcgen/taskcluster-client/queue';
import { consume } from '@tcgen/taskcluster-client/pulse';

const events = new QueueEvents();
export async function main(project: string, taskId: string | undefined): Promise<void> {
  // A CC pattern built from a variable, beside another exchange's binding.
  await consume(
    { connection: 'amqp://localhost', bindings: [{ exchange: events.taskCompleted().exchange, routingKeyPattern: \`route.index.\${project}.#\` }, events.taskFailed()] },
    (message) => {
      // @ts-expect-error no message of either exchange has this field
      void message.payload.nonexistent;
      if (message.exchange === 'exchange/taskcluster-queue/v1/task-completed') void message.payload;
    },
  );
  // Three bindings, two hand-made with template patterns: an exchange written \`as const\` keeps narrowing (README, Pulse).
  await consume(
    {
      connection: 'amqp://localhost',
      bindings: [
        events.taskCompleted(),
        { ...events.taskException(), routingKeyPattern: \`route.\${project}.#\` },
        { exchange: 'exchange/taskcluster-queue/v1/task-failed' as const, routingKeyPattern: \`route.\${project}.#\` },
      ],
    },
    (message) => {
      if (message.exchange === 'exchange/taskcluster-queue/v1/task-completed') void message.payload.runId;
    },
  );
  // A hand-made binding keeps its exchange's literal name.
  await consume({ connection: 'amqp://localhost', bindings: [{ exchange: 'exchange/custom/v1/thing', routingKeyPattern: '#' }, events.taskFailed()] }, (message) => {
    // @ts-expect-error an exchange no binding names is not a possible value
    if (message.exchange === 'exchange/custom/v1/other') return;
  });
  // undefined reads as absent (a wildcard), under exactOptionalPropertyTypes too.
  await consume({ connection: 'amqp://localhost', bindings: [events.taskCompleted({ taskId, routingKeyKind: undefined })] }, () => {});
  // @ts-expect-error a routing-key value is a string or a number
  events.taskCompleted({ taskId: true });
}
`;

test('hand-made bindings with template patterns, and undefined routing-key values, compile under exactOptionalPropertyTypes', { skip }, async () => {
  await writeFile(path.join(scratch, 'package.json'), '{ "type": "module" }');
  await writeFile(path.join(scratch, 'hand-made.ts'), HAND_MADE);
  assert.deepEqual(compileApp([path.join(scratch, 'hand-made.ts')], { exactOptionalPropertyTypes: true }).diagnostics, []);
});

test('the package declares amqplib, exports consume from ./pulse only, and nothing else reaches amqplib', { skip }, async () => {
  const manifest = JSON.parse(await readFile(path.join(out, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; exports: Record<string, { default: string }> };
  assert.match(manifest.dependencies['amqplib'] ?? '', /^\^2\./);
  assert.deepEqual(manifest.exports['./pulse'], { types: './dist/runtime/pulse.d.ts', node: './dist/runtime/pulse.js' });
  const files = (await listFiles(path.join(out, 'dist'))).filter((file) => file.endsWith('.js') || file.endsWith('.d.ts'));
  const mentioning = [];
  // An import of amqplib (comments may name it): only the consumer module, reached only from ./pulse, and no declaration.
  const importsAmqplib = /\bfrom\s*['"]amqplib['"]|\b(?:import|require)\s*\(\s*['"]amqplib['"]/;
  for (const file of files) if (importsAmqplib.test(await readFile(path.join(out, 'dist', file), 'utf8'))) mentioning.push(file);
  assert.deepEqual(mentioning, ['runtime/pulse-consumer.js']);
  for (const file of files.filter((f) => f.endsWith('.js') && !f.startsWith('runtime/pulse'))) {
    assert.doesNotMatch(await readFile(path.join(out, 'dist', file), 'utf8'), /['"][^'"]*\/pulse(?:-[a-z]+)?\.js['"]/, `${file} imports a pulse module`);
  }
  // The declarations need no amqplib types: applications compile without them.
  // And the module runs in plain Node, with the package's own dependencies.
  await mkdir(path.join(out, 'node_modules'), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules', 'amqplib'), path.join(out, 'node_modules', 'amqplib'), 'dir');
  const pulse = (await import(path.join(out, 'dist', 'runtime', 'pulse.js'))) as Record<string, unknown>;
  assert.deepEqual(Object.keys(pulse).sort(), ['amqpConnection', 'consume', 'pulseUrl']);
});
