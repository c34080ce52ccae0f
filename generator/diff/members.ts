// The comparison of one method (API entry) or exchange present in both references.
import { json, sameJson, type Change, type ChangeClass } from './report.ts';
import type { EntrySnapshot, ExchangeSnapshot } from './snapshot.ts';
import type { TypeComparison } from './type-comparison.ts';

/**
 * A route as the wire and a positional call see it: each `<parameter>` replaced by its position in
 * `args` (`/task/<taskId>/runs/<runId>` with args (taskId, runId) → `/task/<0>/runs/<1>`), so that
 * renaming a parameter in both the route and `args` changes nothing, and a reorder does.
 */
function routeByPosition(version: string, route: string, args: string[]): string {
  return `/${version}${route.replace(/<([^>]*)>/g, (whole, name: string) => (args.includes(name) ? `<${args.indexOf(name)}>` : whole))}`;
}

/**
 * Route and route arguments: major when a request or a positional call changes (a changed path, a
 * reorder, an argument added or removed); a parameter renamed at the same position in both the
 * route and `args` is patch, a documentation change (the TSDoc `@param` name).
 */
function diffRoute(a: EntrySnapshot, b: EntrySnapshot, apiVersions: [string, string], add: (cls: ChangeClass, reason: string) => void): void {
  const oldRoute = `/${apiVersions[0]}${a.route}`;
  const newRoute = `/${apiVersions[1]}${b.route}`;
  const samePositions = routeByPosition(apiVersions[0], a.route, a.args) === routeByPosition(apiVersions[1], b.route, b.args);
  const sameArity = a.args.length === b.args.length;
  if (samePositions && sameArity) {
    const renamed = a.args.map((name, index) => [name, b.args[index]!] as const).filter(([before, after]) => before !== after);
    if (renamed.length > 0) {
      const list = renamed.map(([before, after]) => `${before} → ${after}`).join(', ');
      add('patch', `route parameter${renamed.length > 1 ? 's' : ''} renamed (${list}) at the same position in the route and the arguments: requests and positional calls are the same, only the documentation changes`);
    }
    return;
  }
  if (oldRoute !== newRoute) add('major', `route changed from ${oldRoute} to ${newRoute}: the new client cannot call a deployment serving the old one`);
  if (!sameJson(a.args, b.args)) add('major', `route arguments changed from (${a.args.join(', ')}) to (${b.args.join(', ')}): positional arguments of existing calls no longer match`);
}

export function diffEntry(service: string, name: string, a: EntrySnapshot, b: EntrySnapshot, apiVersions: [string, string], types: TypeComparison, changes: Change[]): void {
  const add = (cls: ChangeClass, reason: string) => changes.push({ kind: 'method-changed', service, name, class: cls, reason });
  if (a.method !== b.method) add('major', `HTTP method changed from ${a.method} to ${b.method}: the new client cannot call a deployment serving the old one`);
  diffRoute(a, b, apiVersions, add);
  const removedKeys = a.query.filter((key) => !b.query.includes(key));
  const addedKeys = b.query.filter((key) => !a.query.includes(key));
  if (removedKeys.length > 0) add('major', `query key${removedKeys.length > 1 ? 's' : ''} ${removedKeys.join(', ')} removed: calls passing ${removedKeys.length > 1 ? 'them' : 'it'} stop compiling`);
  if (addedKeys.length > 0) add('minor', `query key${addedKeys.length > 1 ? 's' : ''} ${addedKeys.join(', ')} added (optional)`);
  if (a.input === undefined && b.input !== undefined) add('major', `input ${b.input} added: the method now takes a payload argument existing calls do not pass`);
  else if (a.input !== undefined && b.input === undefined) add('major', `input ${a.input} removed: calls passing a payload stop compiling`);
  else if (a.input !== undefined && b.input !== undefined) types.pair(a.input, b.input);
  const output = (entry: EntrySnapshot) => (entry.output === undefined ? 'nothing' : entry.output === 'blob' ? 'a blob' : entry.output.type);
  if (a.output === undefined && b.output !== undefined) add('minor', `output ${output(b)} added: the method returned nothing before`);
  else if (a.output !== undefined && b.output === undefined) add('major', `output ${output(a)} removed: code reading the result stops compiling`);
  else if (typeof a.output === 'object' && typeof b.output === 'object') types.pair(a.output.type, b.output.type);
  else if (a.output !== undefined && !sameJson(a.output, b.output)) add('major', `output changed from ${output(a)} to ${output(b)}: code reading the result stops compiling`);
  // The deployment enforces scopes whatever the client version; the package only documents them.
  if (!sameJson(a.scopes, b.scopes)) add('patch', 'scopes changed: the service enforces them, the client only documents them');
  if (a.stability !== b.stability) add('minor', `stability changed from ${a.stability} to ${b.stability}: a new deprecation or stability signal, the signature is the same`);
  if (a.title !== b.title || a.description !== b.description) add('patch', `${a.title !== b.title ? 'title' : 'description'}${a.title !== b.title && a.description !== b.description ? ' and description' : ''} changed`);
}

export function diffExchange(service: string, name: string, a: ExchangeSnapshot, b: ExchangeSnapshot, prefixes: [string, string], types: TypeComparison, changes: Change[]): void {
  const add = (cls: ChangeClass, reason: string) => changes.push({ kind: 'exchange-changed', service, name, class: cls, reason });
  const oldExchange = prefixes[0] + a.exchange;
  const newExchange = prefixes[1] + b.exchange;
  if (oldExchange !== newExchange) add('major', `exchange changed from ${oldExchange} to ${newExchange}: existing bindings listen to the old one`);
  const oldParts = a.routingKey.map((part) => part.name);
  const newParts = b.routingKey.map((part) => part.name);
  const removed = oldParts.filter((part) => !newParts.includes(part));
  const added = newParts.filter((part) => !oldParts.includes(part));
  const why = 'routing-key patterns and code splitting routing keys by position no longer match';
  if (removed.length > 0) add('major', `routing-key part${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed: ${why}`);
  if (added.length > 0) add('major', `routing-key part${added.length > 1 ? 's' : ''} ${added.join(', ')} added: ${why}`);
  const keptOld = oldParts.filter((part) => newParts.includes(part));
  const keptNew = newParts.filter((part) => oldParts.includes(part));
  if (!sameJson(keptOld, keptNew)) add('major', `routing-key parts reordered from ${keptOld.join('.')} to ${keptNew.join('.')}: ${why}`);
  let summaries = false;
  for (const part of b.routingKey) {
    const old = a.routingKey.find((p) => p.name === part.name);
    if (old === undefined) continue;
    if (old.multipleWords !== part.multipleWords) add('major', `routing-key part ${part.name} ${part.multipleWords ? 'now holds several words' : 'now holds one word'}: ${why}`);
    if (old.constant !== part.constant) add('major', `routing-key part ${part.name} constant changed from ${json(old.constant)} to ${json(part.constant)}: ${why}`);
    if (old.required !== part.required) add('patch', `routing-key part ${part.name} is now ${part.required ? 'required' : 'optional'}: documentation only, patterns are the same`);
    summaries ||= old.summary !== part.summary;
  }
  if (summaries) add('patch', 'routing-key part summaries changed');
  if (a.message !== undefined && b.message !== undefined) types.pair(a.message, b.message);
  else if (a.message !== b.message) add('major', `message schema ${a.message === undefined ? 'added' : 'removed'}: the message type changed`);
  if (a.title !== b.title || a.description !== b.description) add('patch', `${a.title !== b.title ? 'title' : 'description'}${a.title !== b.title && a.description !== b.description ? ' and description' : ''} changed`);
}
