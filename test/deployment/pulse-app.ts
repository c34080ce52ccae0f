// The Pulse listener of the suite, written as an application writes it against the generated
// package: its text is type-checked under strict NodeNext (each `@ts-expect-error` must be an
// error, so payloads are shown typed by their binding and narrowed by exchange), then compiled
// and run against the deployment's broker.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { compileApp } from '../corpus/compile-app.ts';

const APPLICATION = `import { QueueEvents, type ArtifactCreatedMessage, type TaskCompletedMessage, type TaskDefinedMessage } from '@tcgen/taskcluster-client/queue';
import { consume, type Consumer } from '@tcgen/taskcluster-client/pulse';

export interface Seen { exchange: string; routingKey: string; routes: string[]; payload: unknown; taskId: string; runId: number | undefined }

/** Everything the queue says about one task group, and what reaches a CC route. */
export async function listen(connection: string, taskGroupId: string, route: string, seen: Seen[]): Promise<Consumer> {
  const events = new QueueEvents();
  return consume(
    {
      connection,
      bindings: [
        events.taskDefined({ taskGroupId }),
        events.taskPending({ taskGroupId }),
        events.taskRunning({ taskGroupId }),
        events.artifactCreated({ taskGroupId }),
        events.taskCompleted({ taskGroupId }),
        { ...events.taskCompleted(), routingKeyPattern: 'route.' + route },
      ],
    },
    async (message) => {
      const { exchange, routingKey, routes } = message;
      if (message.exchange === 'exchange/taskcluster-queue/v1/task-defined') {
        const payload: TaskDefinedMessage = message.payload;
        // @ts-expect-error a task-defined message names no run
        void message.payload.runId;
        seen.push({ exchange, routingKey, routes, payload, taskId: payload.status.taskId, runId: undefined });
      } else if (message.exchange === 'exchange/taskcluster-queue/v1/artifact-created') {
        const payload: ArtifactCreatedMessage = message.payload;
        const name: string = payload.artifact.name;
        seen.push({ exchange, routingKey, routes, payload, taskId: payload.status.taskId + ':' + name, runId: payload.runId });
      } else if (message.exchange === 'exchange/taskcluster-queue/v1/task-completed') {
        const payload: TaskCompletedMessage = message.payload;
        // @ts-expect-error a task-completed message carries no artifact
        void message.payload.artifact;
        seen.push({ exchange, routingKey, routes, payload, taskId: payload.status.taskId, runId: payload.runId });
      } else {
        const runId: number = message.payload.runId;
        seen.push({ exchange, routingKey, routes, payload: message.payload, taskId: message.payload.status.taskId, runId });
      }
    },
  );
}
`;

export interface Seen { exchange: string; routingKey: string; routes: string[]; payload: unknown; taskId: string; runId: number | undefined }
export interface PulseApp {
  listen(connection: string, taskGroupId: string, route: string, seen: Seen[]): Promise<{ queueName: string; stop(): Promise<void> }>;
}

/**
 * Writes the application beside the package in `scratch` (`<scratch>/pkg`), type-checks it and
 * imports it compiled. Throws with the compiler's diagnostics.
 */
export async function pulseApp(scratch: string): Promise<PulseApp> {
  const app = path.join(scratch, 'app');
  await mkdir(path.join(app, 'node_modules', '@tcgen'), { recursive: true });
  await symlink(path.join(scratch, 'pkg'), path.join(app, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
  await writeFile(path.join(app, 'package.json'), '{ "type": "module" }');
  const source = path.join(app, 'listen.ts');
  await writeFile(source, APPLICATION);
  const { diagnostics } = compileApp([source]);
  if (diagnostics.length > 0) throw new Error(`the Pulse application does not compile:\n${diagnostics.join('\n')}`);
  const compiled = ts.transpileModule(APPLICATION, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  await writeFile(path.join(app, 'listen.js'), compiled);
  return (await import(pathToFileURL(path.join(app, 'listen.js')).href)) as PulseApp;
}
