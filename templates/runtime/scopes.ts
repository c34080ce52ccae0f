// Scope expressions before the call: what a method requires (requiredScopes) and whether a set
// of scopes satisfies it (satisfiesScopes). The semantics are Taskcluster's own, matched (not
// imported: taskcluster-lib-scopes is CommonJS and needs node's `assert`, so it cannot run in a
// browser bundle): expressions as taskcluster-lib-scopes `satisfiesExpression` and
// `removeGivenScopes` (v11.0.0) judge them, templates rendered as the services render them
// (taskcluster/taskcluster libraries/api/src/expressions.js). Tests compare with the library.
import { entryOfFunction } from './client.js';
import type { ApiMethod } from './method-types.js';

/** A scope expression: a scope, or all / any of some expressions (taskcluster-lib-scopes). */
export type ScopeExpression = string | { AllOf: ScopeExpression[] } | { AnyOf: ScopeExpression[] };

/**
 * A scope expression template, as a reference's entry gives it: scopes may hold `<param>`s,
 * `for`/`in`/`each` repeats a scope for each element of a list parameter, `if`/`then`/`else`
 * chooses by a boolean parameter.
 */
export type ScopeExpressionTemplate =
  | string
  | { AllOf: ScopeExpressionTemplate[] }
  | { AnyOf: ScopeExpressionTemplate[] }
  | { for: string; in: string; each: string }
  | { if: string; then: ScopeExpressionTemplate; else?: ScopeExpressionTemplate };

/** Template parameters: strings or numbers for `<param>`s, string lists for `in`, booleans for `if`. */
export type ScopeParams = { readonly [name: string]: string | number | boolean | readonly string[] | undefined };

/**
 * satisfiesScopes' verdict. `missing` is what the service would report missing (as
 * taskcluster-lib-scopes `removeGivenScopes`); `unfilled` names the parameters the answer depends on.
 */
export type ScopeVerdict = { satisfied: true } | { satisfied: false; missing: ScopeExpression } | { satisfied: 'undecidable'; unfilled: string[] };

const PARAM = /<([a-zA-Z][a-zA-Z0-9_]*)>/g;
const HAS_PARAM = /<[a-zA-Z][a-zA-Z0-9_]*>/;

/** A scope matches a required scope when equal, or when it ends in `*` and the required scope starts with the rest. */
function patternMatch(pattern: string, scope: string): boolean {
  return scope === pattern || (pattern.endsWith('*') && scope.startsWith(pattern.slice(0, -1)));
}

/** The result of rendering with some parameters unknown: a template node where one was left, and the names left. */
type Partial = ScopeExpressionTemplate | null | Partial[];

function isList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

/**
 * Renders what `params` allows, as the services render (expressions.js): `<param>`s replaced by
 * strings or numbers, `for` expanded over its list, `if` resolved by its boolean (null when false
 * without `else`), lists from `for` spliced into AllOf/AnyOf and nulls dropped. A parameter that
 * is undefined leaves its node as it is and is added to `unfilled`; one of the wrong type throws
 * a TypeError (the service would answer 500).
 */
function renderPartial(template: ScopeExpressionTemplate, params: ScopeParams, unfilled: Set<string>): Partial {
  if (typeof template === 'string') {
    const rendered = template.replace(PARAM, (text, name: string) => {
      const value = params[name];
      if (value === undefined) {
        unfilled.add(name);
        return text;
      }
      if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError(`scope parameter ${name} must be a string or number, got ${JSON.stringify(value)}`);
      return String(value);
    });
    // A partly filled scope keeps its unfilled <param>s: they decide it (a value that itself looks like
    // a <param> only makes the verdict undecidable, never wrong).
    return rendered;
  }
  const splice = (items: ScopeExpressionTemplate[]) => items.flatMap((item) => {
    const result = renderPartial(item, params, unfilled);
    return result === null ? [] : Array.isArray(result) ? result : [result];
  }) as ScopeExpressionTemplate[];
  if ('AllOf' in template) return { AllOf: splice(template.AllOf) };
  if ('AnyOf' in template) return { AnyOf: splice(template.AnyOf) };
  if ('for' in template) {
    const list = params[template.in];
    if (list === undefined) {
      unfilled.add(template.in);
      // The other parameters of `each` are unfilled too where params lack them.
      for (const [, name] of template.each.matchAll(PARAM)) if (name !== template.for && params[name!] === undefined) unfilled.add(name!);
      return template;
    }
    if (!isList(list)) throw new TypeError(`scope parameter ${template.in} must be a list of strings, got ${JSON.stringify(list)}`);
    return list.map((value) => renderPartial(template.each, { ...params, [template.for]: value }, unfilled)).filter((value) => value !== null);
  }
  const condition = params[template.if];
  if (condition === undefined) {
    unfilled.add(template.if);
    // Both branches are rendered as far as params go: evaluate() may find them agreeing.
    const then = renderPartial(template.then, params, unfilled) as ScopeExpressionTemplate | null;
    const otherwise = template.else === undefined ? null : (renderPartial(template.else, params, unfilled) as ScopeExpressionTemplate | null);
    return { if: template.if, then: then ?? { AllOf: [] }, ...(otherwise !== null && { else: otherwise }) } as ScopeExpressionTemplate;
  }
  if (typeof condition !== 'boolean') throw new TypeError(`scope parameter ${template.if} must be a boolean, got ${JSON.stringify(condition)}`);
  if (condition) return renderPartial(template.then, params, unfilled);
  return template.else === undefined ? null : renderPartial(template.else, params, unfilled);
}

/**
 * The scope expression a template gives with `params`, as the service renders it before checking
 * (expressions.js `render`): null when an `if` without `else` is false at the root (no scope is
 * required). Throws a TypeError when a parameter is missing or of the wrong type.
 */
export function renderScopes(template: ScopeExpressionTemplate, params: ScopeParams = {}): ScopeExpression | null {
  const unfilled = new Set<string>();
  const result = renderPartial(template, params, unfilled);
  if (unfilled.size > 0) throw new TypeError(`scope expression needs parameters ${[...unfilled].join(', ')}`);
  if (Array.isArray(result)) throw new TypeError('a for/each scope template must be inside AllOf or AnyOf');
  return result as ScopeExpression | null;
}

/** Kleene's three values: true, false, or unknown (undefined) where an unfilled parameter decides. */
type Truth = boolean | undefined;

function evaluate(scopes: readonly string[], node: Partial): Truth {
  if (node === null) return true;
  if (typeof node === 'string') {
    if (!HAS_PARAM.test(node)) return scopes.some((scope) => patternMatch(scope, node));
    // A scope ending in `*` whose rest starts the template's text before its first <param> matches every value.
    const prefix = node.slice(0, node.search(HAS_PARAM));
    return scopes.some((scope) => scope.endsWith('*') && prefix.startsWith(scope.slice(0, -1))) ? true : undefined;
  }
  if (Array.isArray(node)) return all(node.map((item) => evaluate(scopes, item)));
  if ('AllOf' in node) return all(node.AllOf.map((item) => evaluate(scopes, item)));
  if ('AnyOf' in node) {
    const values = node.AnyOf.map((item) => evaluate(scopes, item));
    return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
  }
  // A `for` whose list is unknown, or an `if` whose condition is unknown: known only when every case agrees.
  if ('for' in node) return evaluate(scopes, node.each) === true ? true : undefined;
  const then = evaluate(scopes, node.then);
  const otherwise = node.else === undefined ? true : evaluate(scopes, node.else);
  return then === otherwise ? then : undefined;
}

function all(values: Truth[]): Truth {
  return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
}

/** What is missing, as taskcluster-lib-scopes `removeGivenScopes`: null when nothing is. */
function removeGivenScopes(scopes: readonly string[], expression: ScopeExpression): ScopeExpression | null {
  if (typeof expression === 'string') return scopes.some((scope) => patternMatch(scope, expression)) ? null : expression;
  if ('AllOf' in expression) {
    const AllOf = expression.AllOf.map((item) => removeGivenScopes(scopes, item)).filter((item): item is ScopeExpression => item !== null);
    return AllOf.length === 0 ? null : AllOf.length === 1 ? AllOf[0]! : { AllOf };
  }
  const AnyOf = expression.AnyOf.map((item) => removeGivenScopes(scopes, item));
  if (AnyOf.includes(null)) return null;
  return AnyOf.length === 1 ? AnyOf[0]! : { AnyOf: AnyOf as ScopeExpression[] };
}

/**
 * Whether `scopes` satisfy `expression` (a template, e.g. requiredScopes' result), with the
 * template's parameters from `params` (route arguments by their names, `in` lists, `if` booleans).
 * Semantics: taskcluster-lib-scopes `satisfiesExpression` on the expression the service would
 * render (a `*` at a scope's end matches any rest; `AllOf: []` is satisfied, `AnyOf: []` is not).
 * With parameters left unfilled, the verdict is given only when it holds for every value they
 * could take (an `AnyOf` with a satisfied branch, an `AllOf` with a missing scope); otherwise it is
 * `undecidable`, naming them: never a guess. Throws a TypeError for a parameter of the wrong type.
 */
export function satisfiesScopes(scopes: readonly string[], expression: ScopeExpressionTemplate | ScopeExpression, params: ScopeParams = {}): ScopeVerdict {
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) throw new TypeError('satisfiesScopes: scopes must be an array of strings');
  const unfilled = new Set<string>();
  const rendered = renderPartial(expression, params, unfilled);
  const truth = evaluate(scopes, rendered);
  if (truth === undefined) return { satisfied: 'undecidable', unfilled: [...unfilled].sort() };
  if (truth) return { satisfied: true };
  return { satisfied: false, missing: removeGivenScopes(scopes, withoutUnknowns(rendered, scopes)) ?? { AnyOf: [] } };
}

/**
 * A decided `false` may still hold unfilled nodes (an AllOf with a scope missing beside them):
 * they are kept as written in `missing`, which then names them with their `<param>`s.
 */
function withoutUnknowns(node: Partial, scopes: readonly string[]): ScopeExpression {
  if (node === null) return { AllOf: [] };
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return { AllOf: node.map((item) => withoutUnknowns(item, scopes)) };
  if ('AllOf' in node) return { AllOf: node.AllOf.map((item) => withoutUnknowns(item, scopes)) };
  if ('AnyOf' in node) return { AnyOf: node.AnyOf.map((item) => withoutUnknowns(item, scopes)) };
  if ('for' in node) return node.each;
  return { AnyOf: [withoutUnknowns(node.then, scopes), withoutUnknowns(node.else ?? null, scopes)] };
}

/**
 * The scope expression `method` (a generated API method, e.g. `queue.createTask`) requires,
 * exactly as the reference gives it; undefined when the entry requires none. Throws a TypeError
 * for anything else (a client must have been made for the method's class).
 */
export function requiredScopes(method: ApiMethod): ScopeExpressionTemplate | undefined {
  const entry = entryOfFunction(method);
  if (entry === undefined) throw new TypeError('requiredScopes(method): method must be an API method of a client, e.g. queue.createTask');
  return entry.scopes as ScopeExpressionTemplate | undefined;
}

/**
 * The template parameters a call's route arguments give: `{ <arg name>: value }` in the entry's
 * order, e.g. `scopeParams(purgeCache.purgeCache, 'proj/w')` → `{ workerPoolId: 'proj/w' }`, to pass
 * to satisfiesScopes (the services fill the same names from the route). Throws a TypeError for
 * anything but an API method, or more arguments than the route has.
 */
export function scopeParams(method: ApiMethod, ...routeArgs: Array<string | number>): { [name: string]: string | number } {
  const entry = entryOfFunction(method);
  if (entry === undefined) throw new TypeError('scopeParams(method, ...routeArgs): method must be an API method of a client');
  if (routeArgs.length > entry.args.length) throw new TypeError(`scopeParams: ${entry.name} has ${entry.args.length} route arguments, got ${routeArgs.length}`);
  return Object.fromEntries(routeArgs.map((value, index) => [entry.args[index]!, value]));
}
