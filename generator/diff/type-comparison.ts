// The comparison of a module's types, node by node of their schemas, each finding classed by
// the directions the type is used in (see type-effects.ts and the README's rules).
import { pointerJoin } from '../errors.ts';
import { canonical, isRecord, json, list, RANK, sameJson, type Change, type ChangeClass } from './report.ts';
import type { ModuleSnapshot, TypeSnapshot } from './snapshot.ts';
import { alignUnions, INCOMPARABLE, isSubset, NARROWED, typeDirections, typeSet, unchangedTypes, WIDENED, type Directions, type Effect } from './type-effects.ts';

/**
 * A `pattern` added narrows and one removed widens; a pattern replaced by another is a change whose
 * direction is not decided here (regular expressions are not compared), classed as a possible
 * narrowing (major for an input, as the README's rules say) and said as such.
 */
function patternEffect(before: unknown, after: unknown): Effect {
  if (before === undefined) return NARROWED(`pattern ${json(after)} added (narrowed)`);
  if (after === undefined) return WIDENED(`pattern ${json(before)} removed (widened)`);
  return {
    ...INCOMPARABLE(`pattern changed from ${json(before)} to ${json(after)}`),
    why: { input: 'whether it narrowed or widened is not decided, so values accepted before may be refused', output: 'the generated type is the same' },
  };
}

/** Compares the types of one module (a service, or ./workers), pairing them by where they are used. */
export class TypeComparison {
  private readonly compared = new Set<string>();
  private readonly oldDirections: Map<string, Directions>;
  private readonly newDirections: Map<string, Directions>;

  constructor(
    private readonly serviceName: string,
    private readonly before: ModuleSnapshot,
    private readonly after: ModuleSnapshot,
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
      // Moved within its document (a branch after an inserted one) but with the same title: the same schema.
      const sameSchema = oldType.key === newType.key || (oldType.title !== undefined && oldType.title !== '' && oldType.title === newType.title);
      const reason =
        sameSchema
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

  /** The properties the unpaired (removed) parts of `a` declare that no part of `b` declares, sorted. */
  private propertiesOnlyIn(a: unknown[], b: unknown[], pairs: Array<[number, number]>): string[] {
    const kept = new Set(b.flatMap((part) => this.propertyNamesIn(this.after.types, part)));
    const removed = [...a.keys()].filter((i) => !pairs.some(([paired]) => paired === i));
    return [...new Set(removed.flatMap((i) => this.propertyNamesIn(this.before.types, a[i])))].filter((property) => !kept.has(property)).sort();
  }

  /** The named type a schema node is, if it is one. */
  private nameIn(types: Record<string, TypeSnapshot>, node: unknown): string | undefined {
    return isRecord(node) ? this.named(types, node) : undefined;
  }

  /** A schema node's own schema: the body of the named type it refers to, else the node itself. */
  private bodyIn(types: Record<string, TypeSnapshot>, node: unknown): unknown {
    return types[this.nameIn(types, node) ?? '']?.body ?? node;
  }

  /** The names of the properties a schema node declares (through a named type too). */
  private propertyNamesIn(types: Record<string, TypeSnapshot>, node: unknown): string[] {
    const body = this.bodyIn(types, node);
    return isRecord(body) && isRecord(body.properties) ? Object.keys(body.properties) : [];
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
    const [oldNode, newNode] = alignUnions(before, after);
    if (oldNode.description !== newNode.description) this.add(name, pointerJoin(pointer, 'description'), { class: 'patch', reason: 'description changed' });
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
    this.types(name, pointer, oldNode, newNode, directions);
    this.enums(name, pointer, oldNode, newNode, directions);
    this.properties(name, pointer, oldNode, newNode, directions, oldStack, newStack);
    this.additionalProperties(name, pointer, oldNode, newNode, directions, oldStack, newStack);
    this.items(name, pointer, oldNode, newNode, directions, oldStack, newStack);
    this.alternatives(name, pointer, oldNode, newNode, directions, oldStack, newStack);
    this.constraints(name, pointer, oldNode, newNode, directions);
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
      const pairs = this.branchPairs(a, b);
      // A branch removed whose name now names another branch: code importing it gets that one.
      for (const i of a.keys()) {
        const removed = this.nameIn(this.before.types, a[i]);
        if (removed === undefined || pairs.some(([paired]) => paired === i) || !Object.hasOwn(this.after.types, removed)) continue;
        this.add(removed, '', { class: 'major', reason: `the ${keyword} branch named ${removed} was removed, and ${removed} names another branch, so code importing ${removed} gets another type` });
      }
      for (const [i, j] of pairs) {
        // Branches named by position (…OneOfSecond) shift when one is inserted or moved before them:
        // the old name then names another branch, which is what code importing it now gets.
        const oldBranch = this.nameIn(this.before.types, a[i]);
        const newBranch = this.nameIn(this.after.types, b[j]);
        if (oldBranch !== undefined && newBranch !== undefined && oldBranch !== newBranch && Object.hasOwn(this.after.types, oldBranch) && !this.compared.has(`${oldBranch}\n${newBranch}`)) {
          this.add(oldBranch, '', { class: 'major', reason: `the ${keyword} branch named ${oldBranch} is now named ${newBranch} (branches were inserted, removed or reordered), and ${oldBranch} names another branch, so code importing ${oldBranch} gets another type` });
        }
        this.node(name, pointerJoin(pointer, keyword, j), a[i], b[j], directions, oldStack, newStack);
      }
      if (a.length === b.length) continue;
      const at = pointerJoin(pointer, keyword);
      const more = b.length > a.length;
      const what = `${Math.abs(b.length - a.length)} ${keyword} schema${Math.abs(b.length - a.length) > 1 ? 's' : ''} ${more ? 'added' : 'removed'}`;
      // More alternatives allow more values; more allOf parts allow fewer. But an allOf part removed
      // takes the properties only it declared out of the type (an intersection): calls that set
      // them stop compiling, whatever the schema now accepts.
      const lost = keyword === 'allOf' && !more ? this.propertiesOnlyIn(a, b, pairs) : [];
      if (lost.length > 0) {
        const list = lost.map((property) => json(property)).join(', ');
        this.effect(name, at, { ...INCOMPARABLE(`${what}, and with it propert${lost.length > 1 ? 'ies' : 'y'} ${list}`), why: { input: `calls that set ${lost.length > 1 ? 'them' : 'it'} stop compiling`, output: 'the user may receive values it does not handle' } }, directions);
        continue;
      }
      const widens = keyword === 'allOf' ? !more : more;
      this.effect(name, at, widens ? WIDENED(what) : NARROWED(what), directions);
    }
  }

  /**
   * Which old branch each new branch of a oneOf/anyOf/allOf is compared with, as [old index, new
   * index]: their order does not change what they accept, so a branch keeps its partner when the
   * branches are reordered or one is inserted before it. First named types with the same title,
   * then equal schemas, then the same property names (a title or property names shared by two
   * branches of one side pair nothing), then the same named type, then the rest in order; a branch
   * left over is added or removed.
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
    const nameIn = (types: Record<string, TypeSnapshot>, node: unknown) => this.nameIn(types, node);
    // What identifies a branch where its name may not (names made from positions move when a
    // branch is inserted before them): its title (a digest), else the names of its properties;
    // only when no other branch on the same side has the same.
    const titleIn = (types: Record<string, TypeSnapshot>, node: unknown) => types[nameIn(types, node) ?? '']?.title || undefined;
    const propertiesIn = (types: Record<string, TypeSnapshot>, node: unknown) => this.propertyNamesIn(types, node).sort().join('\n') || undefined;
    const unique = (sign: (types: Record<string, TypeSnapshot>, node: unknown) => string | undefined) => (x: unknown, y: unknown) => {
      const signOld = sign(this.before.types, x);
      return signOld !== undefined && signOld === sign(this.after.types, y) && a.filter((other) => sign(this.before.types, other) === signOld).length === 1 && b.filter((other) => sign(this.after.types, other) === signOld).length === 1;
    };
    match(unique(titleIn));
    // Equal bodies (a named branch's reference `{ tsType }` says nothing when names come from positions).
    match((x, y) => sameJson(this.bodyIn(this.before.types, x), this.bodyIn(this.after.types, y)));
    match(unique(propertiesIn));
    match((x, y) => nameIn(this.before.types, x) !== undefined && nameIn(this.before.types, x) === nameIn(this.after.types, y));
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
      if (keyword === 'pattern') effect = patternEffect(a, b);
      else if ((lowerBounds.has(keyword) || upperBounds.has(keyword)) && (typeof a === 'number' || a === undefined) && (typeof b === 'number' || b === undefined)) {
        const tighter = a === undefined || (b !== undefined && (lowerBounds.has(keyword) ? b > a : b < a));
        effect = tighter ? NARROWED(what) : WIDENED(what);
      } else effect = a === undefined ? NARROWED(what) : b === undefined ? WIDENED(what) : INCOMPARABLE(what);
      // A constraint the generated types do not express (pattern, format, bounds): the server checks
      // inputs against it, but code reading an output still compiles and sees values of the same type.
      this.effect(name, at, { ...effect, output: 'minor', why: { ...effect.why, output: 'the generated type is the same' } }, directions);
    }
  }
}
