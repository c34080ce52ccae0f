// Task definitions and names of one run, per side: every run has its own task group, task
// queues (worker types), index namespace and CC route, so that runs never see each other's tasks.
import type { Context, Side, SideName } from './compare.ts';

export const PROVISIONER = 'tcgen-test';
const HOUR = 3_600_000;
const inMs = (ms: number) => new Date(Date.now() + ms).toJSON();

/** A worker type of this run and side (`^[a-z]([-a-z0-9]{0,36}[a-z0-9])?$`), named `<wt-key>` when comparing. */
export const workerType = (context: Context, side: Side, key: string): string => side.known(`wt-${key}`, `${context.run}-${side.name}-${key}`);

/** The index namespace the main task's route indexes it under, and its CC route (both named when comparing). */
export const namespace = (context: Context, side: Side): string => side.known('namespace', `tcgen-test.${context.run}.${side.name}`);
export const ccRoute = (context: Context, side: Side): string => `${namespace(context, side)}.cc`;

/** A task of this side's task group on the queue of `workerType`; the deadline is the service's own minimum concern. */
export function taskDefinition(context: Context, side: Side, wt: string, more: Record<string, unknown> = {}) {
  return {
    provisionerId: PROVISIONER,
    workerType: wt,
    schedulerId: 'tcgen-test',
    taskGroupId: side.id('group'),
    routes: [`index.${namespace(context, side)}`, ccRoute(context, side)],
    created: inMs(0),
    deadline: inMs(HOUR),
    expires: inMs(24 * HOUR),
    payload: { command: ['true'] },
    metadata: { name: 'tcgen deployment suite', description: 'made by test/deployment', owner: 'tcgen@example.com', source: 'https://github.com/taskcluster/taskcluster' },
    tags: { suite: 'tcgen' },
    ...more,
  };
}

export const expiresIn = (ms: number): string => inMs(ms);

/** What claimWork gave each side: the run's worker credentials. */
export interface Claimed {
  runId: number;
  credentials: { clientId: string; accessToken: string; certificate: string };
}
export const claims: Partial<Record<SideName, Claimed>> = {};

/** Claims differ by nature in their temporary credentials: names for them. */
export function withoutSecrets(value: any): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/"accessToken":"[^"]*"/g, '"accessToken":"<accessToken>"')
      .replace(/"certificate":"(?:[^"\\]|\\.)*"/g, '"certificate":"<certificate>"')
      .replace(/\/until\/[0-9.]+/g, '/until/<epoch>')
      .replace(/(X-Amz-(?:Credential|Date|Signature)=)[^&"]*/g, '$1<aws>'),
  );
}
