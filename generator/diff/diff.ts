// `tcgen diff`: two package models (snapshots) compared from the view of the generated package's
// users. The parts: report.ts (changes, classes, verdict), members.ts (methods and exchanges),
// workers.ts (the ./workers module's payloads), type-comparison.ts and type-effects.ts (types).
import { WORKERS_MODULE } from '../model/module-names.ts';
import { diffEntry, diffExchange } from './members.ts';
import { json, KIND_ORDER, verdictOf, type Change, type DiffReport } from './report.ts';
import type { ModelSnapshot, ServiceSnapshot } from './snapshot.ts';
import { TypeComparison } from './type-comparison.ts';
import { diffWorkers } from './workers.ts';

export { meetsThreshold, verdictOf, type Change, type ChangeClass, type ChangeKind, type DiffReport, type Verdict } from './report.ts';

function diffService(service: string, a: ServiceSnapshot, b: ServiceSnapshot, changes: Change[]): void {
  const types = new TypeComparison(service, a, b, changes);
  const oldEntries = a.api?.entries ?? {};
  const newEntries = b.api?.entries ?? {};
  const apiVersions: [string, string] = [a.api?.apiVersion ?? '', b.api?.apiVersion ?? ''];
  for (const name of Object.keys(oldEntries)) {
    if (!Object.hasOwn(newEntries, name)) changes.push({ kind: 'method-removed', service, name, class: 'major', reason: `method ${name} removed: calls to it stop compiling` });
  }
  for (const name of Object.keys(newEntries)) {
    if (!Object.hasOwn(oldEntries, name)) changes.push({ kind: 'method-added', service, name, class: 'minor', reason: `new method, ${newEntries[name]!.method} /${apiVersions[1]}${newEntries[name]!.route}: existing code is unaffected` });
    else diffEntry(service, name, oldEntries[name]!, newEntries[name]!, apiVersions, types, changes);
  }
  const oldExchanges = a.exchanges?.entries ?? {};
  const newExchanges = b.exchanges?.entries ?? {};
  const prefixes: [string, string] = [a.exchanges?.exchangePrefix ?? '', b.exchanges?.exchangePrefix ?? ''];
  for (const name of Object.keys(oldExchanges)) {
    if (!Object.hasOwn(newExchanges, name)) changes.push({ kind: 'exchange-removed', service, name, class: 'major', reason: `exchange ${name} removed: bindings to it stop compiling` });
  }
  for (const name of Object.keys(newExchanges)) {
    if (!Object.hasOwn(oldExchanges, name)) changes.push({ kind: 'exchange-added', service, name, class: 'minor', reason: `new exchange, ${prefixes[1]}${newExchanges[name]!.exchange}: existing code is unaffected` });
    else diffExchange(service, name, oldExchanges[name]!, newExchanges[name]!, prefixes, types, changes);
  }
}

/** "class Queue", "classes Queue and QueueEvents": the classes a service makes. */
function classesOf(service: ServiceSnapshot): string {
  const classes = [service.api && service.className, service.exchanges && service.eventsClassName].filter((name): name is string => typeof name === 'string');
  return `${classes.length > 1 ? 'classes' : 'class'} ${classes.join(' and ')}`;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The services in name order, then the ./workers module (`workers`, a name no service may take). */
const compareModules = (a: string, b: string): number => Number(a === WORKERS_MODULE) - Number(b === WORKERS_MODULE) || compareText(a, b);

/**
 * Compares two package models (as snapshots) from the view of the generated package's users.
 * Changes are sorted by service (the ./workers module's, `workers`, last), kind, name and pointer;
 * the verdict is the highest class.
 */
export function diffSnapshots(before: ModelSnapshot, after: ModelSnapshot): DiffReport {
  const changes: Change[] = [];
  const services = [...new Set([...Object.keys(before.services), ...Object.keys(after.services)])].sort();
  for (const service of services) {
    const a = before.services[service];
    const b = after.services[service];
    if (a === undefined) changes.push({ kind: 'service-added', service, name: service, class: 'minor', reason: `new service, ${classesOf(b!)}: existing code is unaffected` });
    else if (b === undefined) changes.push({ kind: 'service-removed', service, name: service, class: 'major', reason: `service ${service} removed: code using its ${classesOf(a)} stops compiling` });
    else diffService(service, a, b, changes);
  }
  diffWorkers(before.workers, after.workers, changes);
  const seen = new Set<string>();
  const unique = changes.filter((change) => {
    const key = json(change);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  unique.sort((x, y) => compareModules(x.service, y.service) || KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || compareText(x.name, y.name) || compareText(x.pointer ?? '', y.pointer ?? ''));
  return { verdict: verdictOf(unique), changes: unique };
}
