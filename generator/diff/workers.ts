// The comparison of the `./workers` module: the keys of `WorkerPayloads` (what `TaskFor<K>` takes)
// and, by the same type comparison as a service's, the payload types and those they name.
import { WORKERS_MODULE } from '../model/module-names.ts';
import type { Change } from './report.ts';
import type { WorkersSnapshot } from './snapshot.ts';
import { TypeComparison } from './type-comparison.ts';

const NO_WORKERS: WorkersSnapshot = { payloads: {}, types: {} };

/**
 * The changes of the `./workers` module from `before` to `after` (undefined: that package has no
 * `./workers`, its reference having no payload schema), each under the service name `workers`:
 * a payload key removed is major (`TaskFor<K>` and `WorkerPayloads[K]` of that key stop compiling),
 * one added minor; the type of a key in both is compared with its old type, as an input (a task's
 * payload is what the user sends), by the rules of the services' types.
 */
export function diffWorkers(before: WorkersSnapshot | undefined, after: WorkersSnapshot | undefined, changes: Change[]): void {
  if (before === undefined && after === undefined) return;
  const a = before ?? NO_WORKERS;
  const b = after ?? NO_WORKERS;
  const types = new TypeComparison(WORKERS_MODULE, a, b, changes);
  const change = (kind: Change['kind'], name: string, cls: Change['class'], reason: string) => changes.push({ kind, service: WORKERS_MODULE, name, class: cls, reason });
  for (const [key, typeName] of Object.entries(a.payloads)) {
    if (Object.hasOwn(b.payloads, key)) continue;
    const why = after === undefined ? ' (the new reference has no worker payload schema, so the package has no ./workers)' : '';
    const unexported = Object.hasOwn(b.types, typeName) ? '' : `, and so does code importing ${typeName}`;
    change('payload-removed', key, 'major', `worker payload ${key} removed${why}: TaskFor<'${key}'> and WorkerPayloads['${key}'] stop compiling${unexported}`);
  }
  for (const [key, typeName] of Object.entries(b.payloads)) {
    const module = before === undefined ? ' (the package gains ./workers)' : '';
    if (!Object.hasOwn(a.payloads, key)) change('payload-added', key, 'minor', `new worker payload, type ${typeName}${module}: existing code is unaffected`);
    else types.pair(a.payloads[key]!, typeName);
  }
}
