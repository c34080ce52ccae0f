// What a type-level finding means for each direction a type is used in (input: what the user
// sends; output: what it receives), and which types of a service are used where.
import type { ServiceSnapshot, TypeSnapshot } from './snapshot.ts';
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

const referenceCache = new WeakMap<ServiceSnapshot, Map<string, string[]>>();

/** The types each type of a service references, computed once per snapshot. */
export function typeReferences(service: ServiceSnapshot): Map<string, string[]> {
  let references = referenceCache.get(service);
  if (references === undefined) {
    references = new Map(Object.entries(service.types).map(([name, type]) => [name, [...new Set(referencedTypes(type.body, service.types))]]));
    referenceCache.set(service, references);
  }
  return references;
}

/** Which directions each type of a service is used in, following type references from the entries and exchanges. */
export function typeDirections(service: ServiceSnapshot): Map<string, Directions> {
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
export function unchangedTypes(before: ServiceSnapshot, after: ServiceSnapshot): Set<string> {
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
