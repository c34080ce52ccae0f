// Scope expressions before the call: what a method requires (requiredScopes) and whether a set
// of scopes satisfies it (satisfiesScopes). The semantics are Taskcluster's own, matched (not
// imported: taskcluster-lib-scopes is CommonJS and needs node's `assert`, so it cannot run in a
// browser bundle): expressions as taskcluster-lib-scopes `satisfiesExpression` and
// `removeGivenScopes` (v11.0.0) judge them, templates rendered as the services render them
// (taskcluster/taskcluster libraries/api/src/expressions.js). Tests compare with the library.
import { entryOfFunction } from './client.js';
const PARAM = /<([a-zA-Z][a-zA-Z0-9_]*)>/g;
const HAS_PARAM = /<[a-zA-Z][a-zA-Z0-9_]*>/;
/** A scope matches a required scope when equal, or when it ends in `*` and the required scope starts with the rest. */
function patternMatch(pattern, scope) {
  return scope === pattern || (pattern.endsWith('*') && scope.startsWith(pattern.slice(0, -1)));
}
function isList(value) {
  return Array.isArray(value);
}
/**
 * Renders what `params` allows, as the services render (expressions.js): `<param>`s replaced by
 * strings or numbers, `for` expanded over its list, `if` resolved by its boolean (null when false
 * without `else`), lists from `for` spliced into AllOf/AnyOf and nulls dropped. A parameter that
 * is undefined leaves its node as it is and is added to `unfilled`; one of the wrong type throws
 * a TypeError (the service would answer 500).
 */
function renderPartial(template, params, unfilled) {
  if (typeof template === 'string') {
    const rendered = template.replace(PARAM, (text, name) => {
      const value = params[name];
      if (value === undefined) {
        unfilled.add(name);
        return text;
      }
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new TypeError(`scope parameter ${name} must be a string or number, got ${JSON.stringify(value)}`);
      return String(value);
    });
    // A partly filled scope keeps its unfilled <param>s: they decide it (a value that itself looks like
    // a <param> only makes the verdict undecidable, never wrong).
    return rendered;
  }
  const splice = (items) =>
    items.flatMap((item) => {
      const result = renderPartial(item, params, unfilled);
      return result === null ? [] : Array.isArray(result) ? result : [result];
    });
  if ('AllOf' in template) return { AllOf: splice(template.AllOf) };
  if ('AnyOf' in template) return { AnyOf: splice(template.AnyOf) };
  if ('for' in template) {
    const list = params[template.in];
    if (list === undefined) {
      unfilled.add(template.in);
      // The other parameters of `each` are unfilled too where params lack them.
      for (const [, name] of template.each.matchAll(PARAM))
        if (name !== template.for && params[name] === undefined) unfilled.add(name);
      return template;
    }
    if (!isList(list))
      throw new TypeError(`scope parameter ${template.in} must be a list of strings, got ${JSON.stringify(list)}`);
    return list
      .map((value) => renderPartial(template.each, { ...params, [template.for]: value }, unfilled))
      .filter((value) => value !== null);
  }
  const condition = params[template.if];
  if (condition === undefined) {
    unfilled.add(template.if);
    // Both branches are rendered as far as params go: evaluate() may find them agreeing.
    const then = renderPartial(template.then, params, unfilled);
    const otherwise = template.else === undefined ? null : renderPartial(template.else, params, unfilled);
    return { if: template.if, then: then ?? { AllOf: [] }, ...(otherwise !== null && { else: otherwise }) };
  }
  if (typeof condition !== 'boolean')
    throw new TypeError(`scope parameter ${template.if} must be a boolean, got ${JSON.stringify(condition)}`);
  if (condition) return renderPartial(template.then, params, unfilled);
  return template.else === undefined ? null : renderPartial(template.else, params, unfilled);
}
/**
 * The scope expression a template gives with `params`, as the service renders it before checking
 * (expressions.js `render`): null when an `if` without `else` is false at the root (no scope is
 * required). Throws a TypeError when a parameter is missing or of the wrong type.
 */
export function renderScopes(template, params = {}) {
  const unfilled = new Set();
  const result = renderPartial(template, params, unfilled);
  if (unfilled.size > 0) throw new TypeError(`scope expression needs parameters ${[...unfilled].join(', ')}`);
  if (Array.isArray(result)) throw new TypeError('a for/each scope template must be inside AllOf or AnyOf');
  return result;
}
function evaluate(scopes, node) {
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
function all(values) {
  return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
}
/** What is missing, as taskcluster-lib-scopes `removeGivenScopes`: null when nothing is. */
function removeGivenScopes(scopes, expression) {
  if (typeof expression === 'string')
    return scopes.some((scope) => patternMatch(scope, expression)) ? null : expression;
  if ('AllOf' in expression) {
    const AllOf = expression.AllOf.map((item) => removeGivenScopes(scopes, item)).filter((item) => item !== null);
    return AllOf.length === 0 ? null : AllOf.length === 1 ? AllOf[0] : { AllOf };
  }
  const AnyOf = expression.AnyOf.map((item) => removeGivenScopes(scopes, item));
  if (AnyOf.includes(null)) return null;
  return AnyOf.length === 1 ? AnyOf[0] : { AnyOf: AnyOf };
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
export function satisfiesScopes(scopes, expression, params = {}) {
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))
    throw new TypeError('satisfiesScopes: scopes must be an array of strings');
  const unfilled = new Set();
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
function withoutUnknowns(node, scopes) {
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
export function requiredScopes(method) {
  const entry = entryOfFunction(method);
  if (entry === undefined)
    throw new TypeError('requiredScopes(method): method must be an API method of a client, e.g. queue.createTask');
  return entry.scopes;
}
/**
 * The template parameters a call's route arguments give: `{ <arg name>: value }` in the entry's
 * order, e.g. `scopeParams(purgeCache.purgeCache, 'proj/w')` → `{ workerPoolId: 'proj/w' }`, to pass
 * to satisfiesScopes (the services fill the same names from the route). Throws a TypeError for
 * anything but an API method, or more arguments than the route has.
 */
export function scopeParams(method, ...routeArgs) {
  const entry = entryOfFunction(method);
  if (entry === undefined)
    throw new TypeError('scopeParams(method, ...routeArgs): method must be an API method of a client');
  if (routeArgs.length > entry.args.length)
    throw new TypeError(`scopeParams: ${entry.name} has ${entry.args.length} route arguments, got ${routeArgs.length}`);
  return Object.fromEntries(routeArgs.map((value, index) => [entry.args[index], value]));
}
