// Application code in the shapes TypeScript users write against the v87.1.3 package, for
// app-matrix.test.ts: interfaces for open objects (payload, extra, a secret, index data),
// readonly and `as const` values, `satisfies`, a generic defaults helper, a pagination loop
// with a possibly-undefined token, conditional optional fields, a task read back and re-sent,
// and reads of outputs. No cast anywhere (the test checks). Each refusal is one
// `// @ts-expect-error` line: an unused one is a compile error.

/** The app module; `pkg` is the import specifier of the generated package's dist/index.js. */
export const appCode = (pkg: string): string => `import { Index, Queue, Secrets, Hooks, fromNowJSON, type Input } from '${pkg}';
import type { TaskDefinitionRequest, TaskDefinitionResponse } from '${pkg.replace(/index\.js$/, 'services/queue.js')}';

/** A worker's payload, as applications describe it: an interface (no index signature). */
interface DockerWorkerPayload {
  image: string;
  command: readonly string[];
  maxRunTime: number;
  env?: { readonly [name: string]: string };
}
interface NotifyExtra { notify: { email: { subject: string } } }
interface DatabaseSecret { user: string; password: string; port: number }
interface BuildInfo { revision: string; artifacts: readonly string[] }
interface HookContext { branch: string; pushed: boolean }

const ROUTES = ['index.project.example.latest', 'notify.email.dev@example.com.on-failed'] as const;
const SCOPES: readonly string[] = ['secrets:get:project/example/ci'];
const METADATA = { name: 'Example', description: 'Says hello', owner: 'dev@example.com', source: 'https://example.com/repo' } as const;

export function clients(rootUrl: string) {
  return { queue: new Queue({ rootUrl }), secrets: new Secrets({ rootUrl }), index: new Index({ rootUrl }), hooks: new Hooks({ rootUrl }) };
}

/** A task definition with a conditional optional field (\`expires: keep ? … : undefined\`). */
export function definition(payload: DockerWorkerPayload, keep: boolean, created: string) {
  const extra: NotifyExtra = { notify: { email: { subject: 'done' } } };
  return {
    taskQueueId: 'proj-example/ci',
    schedulerId: 'taskcluster-ui',
    created,
    deadline: created,
    expires: keep ? created : undefined,
    routes: ROUTES,
    scopes: SCOPES,
    payload,
    extra,
    metadata: METADATA,
    priority: 'lowest',
  } satisfies Input<TaskDefinitionRequest>;
}

/** A whole definition written \`as const\`. */
export const CONST_TASK = {
  taskQueueId: 'proj-example/ci',
  created: '2030-01-01T00:00:00.000Z',
  deadline: '2030-01-01T03:00:00.000Z',
  dependencies: [],
  routes: ['index.a', 'index.b'],
  payload: { image: 'ubuntu:24.04', command: ['bash', '-c', 'true'], maxRunTime: 600 },
  metadata: METADATA,
  tags: { kind: 'test' },
} as const;

/** A payload built by a class: its instances are plain objects to JSON.stringify, and are taken. */
class ClassPayload {
  image = 'ubuntu:24.04';
  command: readonly string[] = ['true'];
  maxRunTime = 600;
}
export const CLASS_TASK = { ...CONST_TASK, payload: new ClassPayload() } satisfies Input<TaskDefinitionRequest>;

/** A generic defaults helper: the overrides a caller gives, on top of defaults. */
function withDefaults<T extends object>(defaults: T, overrides: Partial<T>): T {
  return { ...defaults, ...overrides };
}

export async function createTasks(queue: Queue, taskId: string, keep: boolean): Promise<string> {
  const payload: DockerWorkerPayload = { image: 'ubuntu:24.04', command: ['echo', 'hi'], maxRunTime: 600 };
  const status = await queue.createTask(taskId, definition(payload, keep, '2030-01-01T00:00:00.000Z'));
  await queue.createTask(taskId, CONST_TASK);
  const base: Input<TaskDefinitionRequest> = { ...CONST_TASK, priority: 'high' };
  await queue.createTask(taskId, withDefaults(base, { retries: 2, expires: keep ? fromNowJSON('1 year') : undefined }));
  return status.status.state;
}

/** A task read back from queue.task() and sent again with new times. */
export async function resend(queue: Queue, taskId: string, newTaskId: string): Promise<TaskDefinitionResponse> {
  const task = await queue.task(taskId);
  await queue.createTask(newTaskId, { ...task, created: fromNowJSON(), deadline: fromNowJSON('1 day'), expires: fromNowJSON('1 year') });
  return task;
}

/** The usual pagination loop: the token is \`string | undefined\`, sent only when defined. */
export async function taskIdsOfGroup(queue: Queue, taskGroupId: string): Promise<string[]> {
  const taskIds: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await queue.listTaskGroup(taskGroupId, { continuationToken, limit: 2 });
    for (const { status } of page.tasks) taskIds.push(status.taskId);
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return taskIds;
}

/** Reading outputs: indexable arrays, open objects read as \`unknown\` per key. */
export function readTask(task: TaskDefinitionResponse): string {
  const image: unknown = task.payload['image'];
  const firstRoute: string | undefined = task.routes[0];
  const kind: string | undefined = task.tags['kind'];
  const notify: unknown = task.extra['notify'];
  return [typeof image === 'string' ? image : '', firstRoute ?? '', kind ?? '', typeof notify].join(' ');
}

export async function other(secrets: Secrets, index: Index, hooks: Hooks): Promise<unknown> {
  const secret: DatabaseSecret = { user: 'ci', password: 'p', port: 5432 };
  await secrets.set('project/example/db', { secret, expires: '2030-01-01T00:00:00.000Z' });
  const read = await secrets.get('project/example/db');
  const user: unknown = read.secret['user'];
  await secrets.set('project/example/db', { ...read, expires: fromNowJSON('1 year') });
  const data: BuildInfo = { revision: 'abc', artifacts: ['public/build.tar.gz'] };
  await index.insertTask('project.example.latest', { taskId: 'fN1SbArXTPSVFNUvaOlinQ', rank: 0, data, expires: '2030-01-01T00:00:00.000Z' });
  const context: HookContext = { branch: 'main', pushed: true };
  await hooks.triggerHook('project-example', 'nightly', context);
  return user;
}

/** What the types refuse: one expected error each. */
export async function refusals(queue: Queue, secrets: Secrets, index: Index, payload: DockerWorkerPayload, numbers: readonly number[]): Promise<void> {
  const times = { created: 'c', deadline: 'd' };
  const task = { taskQueueId: 'a/b', payload, metadata: METADATA, ...times };
  // @ts-expect-error a payload that is a string
  await queue.createTask('t', { ...task, payload: 'echo hi' });
  // @ts-expect-error a payload that is a number
  await queue.createTask('t', { ...task, payload: 42 });
  // @ts-expect-error a payload that is an array
  await queue.createTask('t', { ...task, payload: ['echo', 'hi'] });
  // @ts-expect-error a payload that is a Date (JSON.stringify would send a string)
  await queue.createTask('t', { ...task, payload: new Date() });
  // @ts-expect-error a payload that is a function
  await queue.createTask('t', { ...task, payload: () => payload });
  // @ts-expect-error a payload that is a promise (not awaited)
  await queue.createTask('t', { ...task, payload: Promise.resolve(payload) });
  // @ts-expect-error a payload that is a Map
  await queue.createTask('t', { ...task, payload: new Map([['image', 'x']]) });
  // @ts-expect-error a payload that is a regular expression
  await queue.createTask('t', { ...task, payload: /image/ });
  // @ts-expect-error routes are strings
  await queue.createTask('t', { ...task, routes: [1] });
  // @ts-expect-error a readonly array of numbers as routes
  await queue.createTask('t', { ...task, routes: numbers });
  // @ts-expect-error priority outside the schema's enum
  await queue.createTask('t', { ...task, priority: 'urgent' });
  // @ts-expect-error metadata is required
  await queue.createTask('t', { taskQueueId: 'a/b', payload, ...times });
  // @ts-expect-error undefined for a required property
  await queue.createTask('t', { ...task, created: undefined });
  // @ts-expect-error an unknown key on a closed object (metadata)
  await queue.createTask('t', { ...task, metadata: { ...METADATA, homepage: 'https://example.com' } });
  // @ts-expect-error an unknown key on the closed task definition
  await queue.createTask('t', { taskQueueId: 'a/b', payload, metadata: METADATA, ...times, colour: 'blue' });
  // @ts-expect-error tags are a map of strings
  await queue.createTask('t', { ...task, tags: { kind: 1 } });
  // @ts-expect-error a secret that is not an object
  await secrets.set('s', { secret: 'hunter2', expires: 'e' });
  // @ts-expect-error a secret that is an array
  await secrets.set('s', { secret: ['hunter2'], expires: 'e' });
  // @ts-expect-error index data typed wrong (rank is a number)
  await index.insertTask('n', { taskId: 't', rank: '0', data: {}, expires: 'e' });
  // @ts-expect-error undefined for a required property of index data's request
  await index.insertTask('n', { taskId: undefined, rank: 0, data: {}, expires: 'e' });
  // @ts-expect-error an unknown query key
  await queue.listTaskGroup('g', { pageSize: 2 });
  // @ts-expect-error a query value that is an object
  await queue.listTaskGroup('g', { limit: { max: 2 } });
}

/** Outputs are precise: an open object's keys are unknown, and an index may be out of range. */
export function outputRefusals(task: TaskDefinitionResponse): void {
  // @ts-expect-error an open object's value is unknown, not a string
  const image: string = task.payload['image'];
  // @ts-expect-error noPropertyAccessFromIndexSignature: keys of an open object are read with ['…']
  const command: unknown = task.payload.command;
  // @ts-expect-error noUncheckedIndexedAccess: the first route may be missing
  const route: string = task.routes[0];
  // @ts-expect-error outputs are not Input<…>: a number is no route
  task.routes.push(1);
  void image; void command; void route;
}
`;
