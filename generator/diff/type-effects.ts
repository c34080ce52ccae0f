// What a type-level finding means for each direction a type is used in (input: what the user
// sends; output: what it receives), and which types of a module (a service, or ./workers) are used where.
import type { ModuleSnapshot, TypeSnapshot } from './snapshot.ts';
import { isRecord, sameJson, type ChangeClass } from './report.ts';

/** Where a type is used: what the user sends (input) and what the user receives (output, messages). */
export type Directions = { input: boolean; output: boolean };

/**
 * A type-level finding's class for each direction; the class of the change is the highest over
 * the directions the type is used in. E.g. a widened type: input minor (more is accepted), output
 * major (the user may receive values its code does not handle).
 */
export interface Effect {
  input: ChangeClass;
  output: ChangeClass;
  /** The finding itself; the direction that decided the class is appended. */
  what: string;
  why: { input: string; output: string };
}

export const WIDENED = (what: string): Effect => ({ input: 'minor', output: 'major', what, why: { input: 'more values are accepted', output: 'the user may receive values it does not handle' } });
export const NARROWED = (what: string): Effect => ({ input: 'major', output: 'minor', what, why: { input: 'values accepted before are refused', output: 'the user receives a subset of what it handled' } });
export const INCOMPARABLE = (what: string): Effect => ({ input: 'major', output: 'major', what, why: { input: 'values accepted before may be refused', output: 'the user may receive values it does not handle' } });

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** A schema's `type` as a set of JSON types ("number" includes "integer"; no `type` allows all). */
export function typeSet(schema: Record<string, unknown>): Set<string> {
  const declared = schema.type === undefined || schema.type === 'any' ? JSON_TYPES : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const set = new Set(declared.includes('any') ? JSON_TYPES : declared);
  if (set.has('number')) set.add('integer');
  return set;
}

export const isSubset = (a: Set<string>, b: Set<string>): boolean => [...a].every((item) => b.has(item));

/** The type names reachable from a schema body (`{ tsType: name }` where `name` is an exported type). */
function referencedTypes(body: unknown, types: Record<string, TypeSnapshot>, found: string[] = []): string[] {
  if (Array.isArray(body)) body.forEach((item) => referencedTypes(item, types, found));
  else if (isRecord(body)) {
    if (typeof body.tsType === 'string' && Object.hasOwn(types, body.tsType)) found.push(body.tsType);
    for (const [key, value] of Object.entries(body)) if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') referencedTypes(value, types, found);
  }
  return found;
}

const referenceCache = new WeakMap<ModuleSnapshot, Map<string, string[]>>();

/** The types each type of a module references, computed once per snapshot. */
export function typeReferences(service: ModuleSnapshot): Map<string, string[]> {
  let references = referenceCache.get(service);
  if (references === undefined) {
    references = new Map(Object.entries(service.types).map(([name, type]) => [name, [...new Set(referencedTypes(type.body, service.types))]]));
    referenceCache.set(service, references);
  }
  return references;
}

/**
 * Which directions each type of a module is used in, following type references from a service's
 * entries and exchanges, or from the worker payloads: a payload is what the user sends (a task's
 * `payload`, in `TaskFor<K>` given to createTask), so an input.
 */
export function typeDirections(service: ModuleSnapshot): Map<string, Directions> {
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
  if ('payloads' in service) {
    for (const type of Object.values(service.payloads)) mark(type, 'input');
    return directions;
  }
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
export function unchangedTypes(before: ModuleSnapshot, after: ModuleSnapshot): Set<string> {
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

/** Keywords a union schema may carry beside its `oneOf`/`anyOf` and still be only that union. */
const UNION_ONLY = new Set(['oneOf', 'anyOf', 'description', 'title']);

/**
 * Two schema nodes made comparable when one is a union (only a `oneOf` or `anyOf`, with at most a
 * description) and the other a plain schema (no oneOf, anyOf or allOf): the plain one as a union
 * of one branch, itself. So a payload whose object became one branch of a oneOf (generic-worker's
 * multiuser_posix, v44.0.0 → v87.1.3) is compared with the branch it became ("1 oneOf schema
 * added", and what changed inside it), not as an object that lost every property.
 */
export function alignUnions(before: Record<string, unknown>, after: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  // A named type (`tsType`) is compared by its body, where it is aligned in turn.
  const isPlain = (schema: Record<string, unknown>) => !['oneOf', 'anyOf', 'allOf', 'tsType'].some((keyword) => Object.hasOwn(schema, keyword));
  const unionKeyword = (schema: Record<string, unknown>) => (Object.keys(schema).every((key) => UNION_ONLY.has(key)) ? ['oneOf', 'anyOf'].find((keyword) => Array.isArray(schema[keyword])) : undefined);
  // The plain schema's description stays beside the union's own, if the union has one; else it goes with the branch.
  const wrap = (plain: Record<string, unknown>, union: Record<string, unknown>, keyword: string) => {
    const { description, ...branch } = plain;
    return union.description === undefined ? { [keyword]: [plain] } : { ...(description !== undefined && { description }), [keyword]: [branch] };
  };
  const afterUnion = isPlain(before) ? unionKeyword(after) : undefined;
  if (afterUnion !== undefined) return [wrap(before, after, afterUnion), after];
  const beforeUnion = isPlain(after) ? unionKeyword(before) : undefined;
  if (beforeUnion !== undefined) return [before, wrap(after, before, beforeUnion)];
  return [before, after];
}
