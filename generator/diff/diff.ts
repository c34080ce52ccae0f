import { pointerJoin } from '../errors.ts';
import type { EntrySnapshot, ExchangeSnapshot, ModelSnapshot, ServiceSnapshot, TypeSnapshot } from './snapshot.ts';

/** How a change affects the package's users, as a semver bump of the generated client. */
export type ChangeClass = 'major' | 'minor' | 'patch';
export type Verdict = ChangeClass | 'none';

export type ChangeKind =
  | 'service-added'
  | 'service-removed'
  | 'method-added'
  | 'method-removed'
  | 'method-changed'
  | 'exchange-added'
  | 'exchange-removed'
  | 'exchange-changed'
  | 'type-changed';

/**
 * One change, as the JSON output gives it (the contract for scripts, see the README).
 * `name` is the service name (service-*), method, exchange or type name; `pointer` (type-changed
 * only) is the RFC 6901 JSON pointer of the change inside that type's schema ("" for the type itself).
 */
export interface Change {
  kind: ChangeKind;
  service: string;
  name: string;
  pointer?: string;
  class: ChangeClass;
  /** Why, in one line. */
  reason: string;
}

export interface DiffReport {
  verdict: Verdict;
  changes: Change[];
}

const RANK: Record<Verdict, number> = { none: 0, patch: 1, minor: 2, major: 3 };
const KIND_ORDER: ChangeKind[] = ['service-removed', 'service-added', 'method-removed', 'method-added', 'method-changed', 'exchange-removed', 'exchange-added', 'exchange-changed', 'type-changed'];

/** The highest class present, or `none`. */
export function verdictOf(changes: readonly Change[]): Verdict {
  return changes.reduce<Verdict>((verdict, change) => (RANK[change.class] > RANK[verdict] ? change.class : verdict), 'none');
}

/** Whether a verdict meets a `--fail-on` threshold (`major`, or `minor`, which major also meets). */
export function meetsThreshold(verdict: Verdict, threshold: ChangeClass): boolean {
  return RANK[verdict] >= RANK[threshold];
}

/** Where a type is used: what the user sends (input) and what the user receives (output, messages). */
type Directions = { input: boolean; output: boolean };

/**
 * A type-level finding's class for each direction; the class of the change is the highest over
 * the directions the type is used in. E.g. a widened type: input minor (more is accepted), output
 * major (the user may receive values its code does not handle).
 */
interface Effect {
  input: ChangeClass;
  output: ChangeClass;
  /** The finding itself; the direction that decided the class is appended. */
  what: string;
  why: { input: string; output: string };
}

const WIDENED = (what: string): Effect => ({ input: 'minor', output: 'major', what, why: { input: 'more values are accepted', output: 'the user may receive values it does not handle' } });
const NARROWED = (what: string): Effect => ({ input: 'major', output: 'minor', what, why: { input: 'values accepted before are refused', output: 'the user receives a subset of what it handled' } });
const INCOMPARABLE = (what: string): Effect => ({ input: 'major', output: 'major', what, why: { input: 'values accepted before may be refused', output: 'the user may receive values it does not handle' } });

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** A schema's `type` as a set of JSON types ("number" includes "integer"; no `type` allows all). */
function typeSet(schema: Record<string, unknown>): Set<string> {
  const declared = schema.type === undefined || schema.type === 'any' ? JSON_TYPES : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const set = new Set(declared.includes('any') ? JSON_TYPES : declared);
  if (set.has('number')) set.add('integer');
  return set;
}

const isSubset = (a: Set<string>, b: Set<string>): boolean => [...a].every((item) => b.has(item));
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const json = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
const list = (values: unknown[]): string => values.map(json).join(', ');

/** JSON with object keys sorted: equal for values that differ only in key order (which no reader of JSON sees). */
function canonical(value: unknown): string {
  const sorted = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(sorted) : isRecord(node) ? Object.fromEntries(Object.keys(node).sort().map((key) => [key, sorted(node[key])])) : node;
  return json(sorted(value));
}
const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The type names reachable from a schema body (`{ tsType: name }` where `name` is an exported type). */
function referencedTypes(body: unknown, types: Record<string, TypeSnapshot>, found: string[] = []): string[] {
  if (Array.isArray(body)) body.forEach((item) => referencedTypes(item, types, found));
  else if (isRecord(body)) {
    if (typeof body.tsType === 'string' && Object.hasOwn(types, body.tsType)) found.push(body.tsType);
    for (const [key, value] of Object.entries(body)) if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') referencedTypes(value, types, found);
  }
  return found;
}

const referenceCache = new WeakMap<ServiceSnapshot, Map<string, string[]>>();

/** The types each type of a service references, computed once per snapshot. */
function typeReferences(service: ServiceSnapshot): Map<string, string[]> {
  let references = referenceCache.get(service);
  if (references === undefined) {
    references = new Map(Object.entries(service.types).map(([name, type]) => [name, [...new Set(referencedTypes(type.body, service.types))]]));
    referenceCache.set(service, references);
  }
  return references;
}

/** Which directions each type of a service is used in, following type references from the entries and exchanges. */
function typeDirections(service: ServiceSnapshot): Map<string, Directions> {
  const directions = new Map<string, Directions>();
  const references = typeReferences(service);
  const mark = (name: string | undefined, direction: keyof Directions): void => {
    if (name === undefined || !Object.hasOwn(service.types, name)) return;
    const current = directions.get(name) ?? { input: false, output: false };
    if (current[direction]) return;
    current[direction] = true;
    directions.set(name, current);
    for (const next of references.get(name)!) mark(next, direction);
  };
  for (const entry of Object.values(service.api?.entries ?? {})) {
    mark(entry.input, 'input');
    if (typeof entry.output === 'object') mark(entry.output.type, 'output');
  }
  for (const exchange of Object.values(service.exchanges?.entries ?? {})) mark(exchange.message, 'output');
  return directions;
}

/**
 * The names of the types whose snapshot (title, body) is the same before and after, and whose
 * referenced types are all such types too: the greatest such set, found by removing the types that
 * reference a changed one until none is left to remove.
 */
function unchangedTypes(before: ServiceSnapshot, after: ServiceSnapshot): Set<string> {
  const same = new Set(Object.keys(before.types).filter((name) => Object.hasOwn(after.types, name) && sameJson(before.types[name], after.types[name])));
  const references = typeReferences(after);
  for (let removed = true; removed; ) {
    removed = false;
    for (const name of same) {
      if (references.get(name)!.every((other) => same.has(other))) continue;
      same.delete(name);
      removed = true;
    }
  }
  return same;
}

/** Compares the types of one service, pairing them by where they are used. */
class TypeComparison {
  private readonly compared = new Set<string>();
  private readonly oldDirections: Map<string, Directions>;
  private readonly newDirections: Map<string, Directions>;

  constructor(
    private readonly serviceName: string,
    private readonly before: ServiceSnapshot,
    private readonly after: ServiceSnapshot,
    private readonly changes: Change[],
  ) {
    this.oldDirections = typeDirections(before);
    this.newDirections = typeDirections(after);
    this.unchanged = unchangedTypes(before, after);
  }

  /** Types the same in both, with everything they reference: comparing them would find nothing. */
  private readonly unchanged: Set<string>;

  /** Compares the type `oldName` was with the type `newName` is, used at the same place. */
  pair(oldName: string, newName: string): void {
    const key = `${oldName}\n${newName}`;
    if (this.compared.has(key) || (oldName === newName && this.unchanged.has(oldName))) return;
    this.compared.add(key);
    const oldType = this.before.types[oldName];
    const newType = this.after.types[newName];
    if (oldType === undefined || newType === undefined) return;
    const directions = this.directions(oldName, newName);
    if (oldName !== newName && !Object.hasOwn(this.after.types, oldName)) {
      // Same schema, new name: a rename. Another schema in its place (the old one was removed): not a rename.
      const reason =
        oldType.key === newType.key
          ? `type ${oldName} renamed: the same schema is now named ${newName}, so code importing ${oldName} stops compiling`
          : `type ${oldName} is no longer exported: its schema is gone and ${newName} is used in its place, so code importing ${oldName} stops compiling`;
      this.add(oldName, '', { class: 'major', reason });
    }
    if (oldType.title !== newType.title) this.add(newName, '/title', { class: 'patch', reason: 'title changed' });
    this.node(newName, '', oldType.body, newType.body, directions, [oldName], [newName]);
  }

  private directions(oldName: string | undefined, newName: string | undefined): Directions {
    const a = (oldName && this.oldDirections.get(oldName)) || { input: false, output: false };
    const b = (newName && this.newDirections.get(newName)) || { input: false, output: false };
    const both = { input: a.input || b.input, output: a.output || b.output };
    return both.input || both.output ? both : { input: true, output: true };
  }

  private add(name: string, pointer: string, change: { class: ChangeClass; reason: string }): void {
    this.changes.push({ kind: 'type-changed', service: this.serviceName, name, pointer, ...change });
  }

  private effect(name: string, pointer: string, effect: Effect, directions: Directions): void {
    const candidates = (['input', 'output'] as const).filter((d) => directions[d]);
    const decisive = candidates.reduce((best, d) => (RANK[effect[d]] > RANK[effect[best]] ? d : best), candidates[0]!);
    const where = candidates.length === 2 ? 'in a type used as input and output' : `in an ${decisive}`;
    this.add(name, pointer, { class: effect[decisive], reason: `${effect.what} ${where}: ${effect.why[decisive]}` });
  }

  /** The body of a named type, for comparing it with an inline schema (undefined for a literal TypeScript type). */
  private named(types: Record<string, TypeSnapshot>, node: Record<string, unknown>): string | undefined {
    return typeof node.tsType === 'string' && Object.hasOwn(types, node.tsType) ? node.tsType : undefined;
  }

  /**
   * Compares two schema nodes at `pointer` of type `name`. `oldStack`/`newStack` hold the named
   * types expanded inline on the way here, so that a recursive type is not followed forever.
   */
  private node(name: string, pointer: string, before: unknown, after: unknown, directions: Directions, oldStack: string[], newStack: string[]): void {
    if (typeof before === 'boolean' || typeof after === 'boolean' || !isRecord(before) || !isRecord(after)) {
      if (sameJson(before, after)) return;
      const allowsAll = (schema: unknown) => schema === true || (isRecord(schema) && Object.keys(schema).length === 0);
      if (allowsAll(after)) this.effect(name, pointer, WIDENED('schema now allows any value'), directions);
      else if (after === false) this.effect(name, pointer, NARROWED('schema now allows no value'), directions);
      else this.effect(name, pointer, INCOMPARABLE('schema replaced'), directions);
      return;
    }
    if (before.description !== after.description) this.add(name, pointerJoin(pointer, 'description'), { class: 'patch', reason: 'description changed' });
    const oldNamed = this.named(this.before.types, before);
    const newNamed = this.named(this.after.types, after);
    if (oldNamed !== undefined && newNamed !== undefined) {
      this.pair(oldNamed, newNamed);
      return;
    }
    if (oldNamed !== undefined || newNamed !== undefined) {
      // One side is a named type, the other an inline schema: compare the named one's body here.
      if (oldNamed !== undefined && !Object.hasOwn(this.after.types, oldNamed)) {
        this.add(oldNamed, '', { class: 'major', reason: `type ${oldNamed} is no longer exported (its schema is now inline in ${name}), so code importing it stops compiling` });
      }
      if ((oldNamed && oldStack.includes(oldNamed)) || (newNamed && newStack.includes(newNamed))) return;
      const oldBody = oldNamed !== undefined ? this.before.types[oldNamed]!.body : before;
      const newBody = newNamed !== undefined ? this.after.types[newNamed]!.body : after;
      this.node(name, pointer, oldBody, newBody, directions, oldNamed ? [...oldStack, oldNamed] : oldStack, newNamed ? [...newStack, newNamed] : newStack);
      return;
    }
    if (before.tsType !== after.tsType) {
      this.effect(name, pointer, INCOMPARABLE(`type ${json(before.tsType ?? 'from the schema')} replaced by ${json(after.tsType ?? 'from the schema')}`), directions);
      return;
    }
    this.types(name, pointer, before, after, directions);
    this.enums(name, pointer, before, after, directions);
    this.properties(name, pointer, before, after, directions, oldStack, newStack);
    this.additionalProperties(name, pointer, before, after, directions, oldStack, newStack);
    this.items(name, pointer, before, after, directions, oldStack, newStack);
    this.alternatives(name, pointer, before, after, directions, oldStack, newStack);
    this.constraints(name, pointer, before, after, directions);
  }

  private types(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions): void {
    const a = typeSet(before);
    const b = typeSet(after);
    if (isSubset(a, b) && isSubset(b, a)) return;
    const what = `type ${json(before.type ?? 'any')} changed to ${json(after.type ?? 'any')}`;
    const at = pointerJoin(pointer, 'type');
    if (isSubset(a, b)) this.effect(name, at, WIDENED(what.replace('changed', 'widened')), directions);
    else if (isSubset(b, a)) this.effect(name, at, NARROWED(what.replace('changed', 'narrowed')), directions);
    else this.effect(name, at, INCOMPARABLE(what), directions);
  }

  private enums(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions): void {
    const values = (schema: Record<string, unknown>) => (Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined);
    const a = values(before);
    const b = values(after);
    const keyword = Array.isArray(after.enum) || Array.isArray(before.enum) ? 'enum' : 'const';
    const at = pointerJoin(pointer, keyword);
    if (a === undefined && b === undefined) return;
    if (a === undefined) return this.effect(name, at, NARROWED(`values restricted to ${list(b!)}`), directions);
    if (b === undefined) return this.effect(name, at, WIDENED(`restriction to ${list(a)} removed`), directions);
    const oldKeys = new Set(a.map(canonical));
    const newKeys = new Set(b.map(canonical));
    const added = b.filter((value) => !oldKeys.has(canonical(value)));
    const removed = a.filter((value) => !newKeys.has(canonical(value)));
    if (added.length > 0) this.effect(name, at, WIDENED(`enum value${added.length > 1 ? 's' : ''} ${list(added)} added`), directions);
    if (removed.length > 0) this.effect(name, at, NARROWED(`enum value${removed.length > 1 ? 's' : ''} ${list(removed)} removed`), directions);
  }

  private properties(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions, oldStack: string[], newStack: string[]): void {
    const oldProperties = isRecord(before.properties) ? before.properties : {};
    const newProperties = isRecord(after.properties) ? after.properties : {};
    const required = (schema: Record<string, unknown>) => new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const oldRequired = required(before);
    const newRequired = required(after);
    const names = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])].sort();
    for (const property of names) {
      const at = pointerJoin(pointer, 'properties', property);
      const inOld = Object.hasOwn(oldProperties, property);
      const inNew = Object.hasOwn(newProperties, property);
      if (!inOld) {
        const isRequired = newRequired.has(property);
        this.effect(name, at, {
          input: isRequired ? 'major' : 'minor',
          output: 'minor',
          what: `${isRequired ? 'required' : 'optional'} property "${property}" added`,
          why: { input: isRequired ? 'existing calls do not send it' : 'callers may leave it out', output: 'the user receives more than before' },
        }, directions);
        continue;
      }
      if (!inNew) {
        this.effect(name, at, {
          input: 'major',
          output: 'major',
          what: `property "${property}" removed`,
          why: { input: 'calls that set it stop compiling or are refused', output: 'code reading it stops compiling' },
        }, directions);
        continue;
      }
      if (oldRequired.has(property) !== newRequired.has(property)) {
        const nowRequired = newRequired.has(property);
        this.effect(name, at, nowRequired ? NARROWED(`property "${property}" changed from optional to required`) : WIDENED(`property "${property}" changed from required to optional`), directions);
      }
      this.node(name, at, oldProperties[property], newProperties[property], directions, oldStack, newStack);
    }
  }

  private additionalProperties(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions, oldStack: string[], newStack: string[]): void {
    const a = before.additionalProperties;
    const b = after.additionalProperties;
    if (sameJson(a, b)) return;
    const at = pointerJoin(pointer, 'additionalProperties');
    const isOpen = (value: unknown) => value === undefined || value === true || (isRecord(value) && Object.keys(value).length === 0);
    if (isRecord(a) && isRecord(b) && !isOpen(a) && !isOpen(b)) return this.node(name, at, a, b, directions, oldStack, newStack);
    // For output, an index signature added or removed leaves every read of a declared property compiling.
    const outputWhy = 'reads of the declared properties still compile';
    const show = (value: unknown) => (value === undefined ? 'absent (any)' : isRecord(value) ? 'a schema' : json(value));
    const what = `additionalProperties changed from ${show(a)} to ${show(b)}`;
    if (isOpen(b)) return this.effect(name, at, { ...WIDENED(what), output: 'minor', why: { input: 'more objects are accepted', output: outputWhy } }, directions);
    if (b === false) return this.effect(name, at, { ...NARROWED(what), output: 'minor', why: { input: 'objects with other properties are refused', output: outputWhy } }, directions);
    this.effect(name, at, { ...INCOMPARABLE(what), output: 'minor', why: { input: 'objects accepted before may be refused', output: outputWhy } }, directions);
  }

  private items(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions, oldStack: string[], newStack: string[]): void {
    const a = before.items;
    const b = after.items;
    if (a === undefined && b === undefined) return;
    const at = pointerJoin(pointer, 'items');
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, index) => this.node(name, pointerJoin(at, index), item, b[index], directions, oldStack, newStack));
    } else if (Array.isArray(a) || Array.isArray(b)) {
      this.effect(name, at, INCOMPARABLE('array items changed shape (tuple)'), directions);
    } else this.node(name, at, a ?? true, b ?? true, directions, oldStack, newStack);
  }

  private alternatives(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions, oldStack: string[], newStack: string[]): void {
    for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
      const a = Array.isArray(before[keyword]) ? (before[keyword] as unknown[]) : [];
      const b = Array.isArray(after[keyword]) ? (after[keyword] as unknown[]) : [];
      for (const [i, j] of this.branchPairs(a, b)) this.node(name, pointerJoin(pointer, keyword, j), a[i], b[j], directions, oldStack, newStack);
      if (a.length === b.length) continue;
      const at = pointerJoin(pointer, keyword);
      const more = b.length > a.length;
      const what = `${Math.abs(b.length - a.length)} ${keyword} schema${Math.abs(b.length - a.length) > 1 ? 's' : ''} ${more ? 'added' : 'removed'}`;
      // More alternatives allow more values; more allOf parts allow fewer.
      const widens = keyword === 'allOf' ? !more : more;
      this.effect(name, at, widens ? WIDENED(what) : NARROWED(what), directions);
    }
  }

  /**
   * Which old branch each new branch of a oneOf/anyOf/allOf is compared with, as [old index, new
   * index]: their order does not change what they accept, so a branch keeps its partner when the
   * branches are reordered or one is inserted before it. First the same named type, then an equal
   * schema, then the rest in order; a branch left over is added or removed.
   */
  private branchPairs(a: unknown[], b: unknown[]): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    const oldFree = new Set(a.keys());
    const newFree = new Set(b.keys());
    const match = (same: (x: unknown, y: unknown) => boolean) => {
      for (const j of newFree) {
        const i = [...oldFree].find((index) => same(a[index], b[j]));
        if (i === undefined) continue;
        pairs.push([i, j]);
        oldFree.delete(i);
        newFree.delete(j);
      }
    };
    const nameIn = (types: Record<string, TypeSnapshot>, node: unknown) => (isRecord(node) ? this.named(types, node) : undefined);
    match((x, y) => nameIn(this.before.types, x) !== undefined && nameIn(this.before.types, x) === nameIn(this.after.types, y));
    match(sameJson);
    const oldRest = [...oldFree].sort((x, y) => x - y);
    const newRest = [...newFree].sort((x, y) => x - y);
    for (let k = 0; k < Math.min(oldRest.length, newRest.length); k++) pairs.push([oldRest[k]!, newRest[k]!]);
    return pairs.sort((x, y) => x[1] - y[1]);
  }

  private constraints(name: string, pointer: string, before: Record<string, unknown>, after: Record<string, unknown>, directions: Directions): void {
    const handled = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'allOf', 'description', 'tsType']);
    const documentation = new Set(['default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
    const lowerBounds = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
    const upperBounds = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);
    const keywords = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !handled.has(k)).sort();
    for (const keyword of keywords) {
      const a = before[keyword];
      const b = after[keyword];
      if (sameJson(a, b)) continue;
      const at = pointerJoin(pointer, keyword);
      const what = a === undefined ? `${keyword} ${json(b)} added` : b === undefined ? `${keyword} ${json(a)} removed` : `${keyword} changed from ${json(a)} to ${json(b)}`;
      if (documentation.has(keyword)) {
        this.add(name, at, { class: 'patch', reason: `${what}: documentation only, the generated types are the same` });
        continue;
      }
      let effect: Effect;
      if ((lowerBounds.has(keyword) || upperBounds.has(keyword)) && (typeof a === 'number' || a === undefined) && (typeof b === 'number' || b === undefined)) {
        const tighter = a === undefined || (b !== undefined && (lowerBounds.has(keyword) ? b > a : b < a));
        effect = tighter ? NARROWED(what) : WIDENED(what);
      } else effect = a === undefined ? NARROWED(what) : b === undefined ? WIDENED(what) : INCOMPARABLE(what);
      // A constraint the generated types do not express (pattern, format, bounds): the server checks
      // inputs against it, but code reading an output still compiles and sees values of the same type.
      this.effect(name, at, { ...effect, output: 'minor', why: { ...effect.why, output: 'the generated type is the same' } }, directions);
    }
  }
}

function diffEntry(service: string, name: string, a: EntrySnapshot, b: EntrySnapshot, apiVersions: [string, string], types: TypeComparison, changes: Change[]): void {
  const add = (cls: ChangeClass, reason: string) => changes.push({ kind: 'method-changed', service, name, class: cls, reason });
  if (a.method !== b.method) add('major', `HTTP method changed from ${a.method} to ${b.method}: the new client cannot call a deployment serving the old one`);
  const oldRoute = `/${apiVersions[0]}${a.route}`;
  const newRoute = `/${apiVersions[1]}${b.route}`;
  if (oldRoute !== newRoute) add('major', `route changed from ${oldRoute} to ${newRoute}: the new client cannot call a deployment serving the old one`);
  if (!sameJson(a.args, b.args)) add('major', `route arguments changed from (${a.args.join(', ')}) to (${b.args.join(', ')}): positional arguments of existing calls no longer match`);
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

function diffExchange(service: string, name: string, a: ExchangeSnapshot, b: ExchangeSnapshot, prefixes: [string, string], types: TypeComparison, changes: Change[]): void {
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

/**
 * Compares two package models (as snapshots) from the view of the generated package's users.
 * Changes are sorted by service, kind, name and pointer; the verdict is the highest class.
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
  const seen = new Set<string>();
  const unique = changes.filter((change) => {
    const key = json(change);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  unique.sort((x, y) => compareText(x.service, y.service) || KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || compareText(x.name, y.name) || compareText(x.pointer ?? '', y.pointer ?? ''));
  return { verdict: verdictOf(unique), changes: unique };
}
