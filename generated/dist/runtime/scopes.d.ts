import type { ApiMethod } from './method-types.js';
/** A scope expression: a scope, or all / any of some expressions (taskcluster-lib-scopes). */
export type ScopeExpression =
  | string
  | {
      AllOf: ScopeExpression[];
    }
  | {
      AnyOf: ScopeExpression[];
    };
/**
 * A scope expression template, as a reference's entry gives it: scopes may hold `<param>`s,
 * `for`/`in`/`each` repeats a scope for each element of a list parameter, `if`/`then`/`else`
 * chooses by a boolean parameter.
 */
export type ScopeExpressionTemplate =
  | string
  | {
      AllOf: ScopeExpressionTemplate[];
    }
  | {
      AnyOf: ScopeExpressionTemplate[];
    }
  | {
      for: string;
      in: string;
      each: string;
    }
  | {
      if: string;
      then: ScopeExpressionTemplate;
      else?: ScopeExpressionTemplate;
    };
/** Template parameters: strings or numbers for `<param>`s, string lists for `in`, booleans for `if`. */
export type ScopeParams = {
  readonly [name: string]: string | number | boolean | readonly string[] | undefined;
};
/**
 * satisfiesScopes' verdict. `missing` is what the service would report missing (as
 * taskcluster-lib-scopes `removeGivenScopes`); `unfilled` names the parameters the answer depends on.
 */
export type ScopeVerdict =
  | {
      satisfied: true;
    }
  | {
      satisfied: false;
      missing: ScopeExpression;
    }
  | {
      satisfied: 'undecidable';
      unfilled: string[];
    };
/**
 * The scope expression a template gives with `params`, as the service renders it before checking
 * (expressions.js `render`): null when an `if` without `else` is false at the root (no scope is
 * required). Throws a TypeError when a parameter is missing or of the wrong type.
 */
export declare function renderScopes(template: ScopeExpressionTemplate, params?: ScopeParams): ScopeExpression | null;
/**
 * Whether `scopes` satisfy `expression` (a template, e.g. requiredScopes' result), with the
 * template's parameters from `params` (route arguments by their names, `in` lists, `if` booleans).
 * Semantics: taskcluster-lib-scopes `satisfiesExpression` on the expression the service would
 * render (a `*` at a scope's end matches any rest; `AllOf: []` is satisfied, `AnyOf: []` is not).
 * With parameters left unfilled, the verdict is given only when it holds for every value they
 * could take (an `AnyOf` with a satisfied branch, an `AllOf` with a missing scope); otherwise it is
 * `undecidable`, naming them: never a guess. Throws a TypeError for a parameter of the wrong type.
 */
export declare function satisfiesScopes(
  scopes: readonly string[],
  expression: ScopeExpressionTemplate | ScopeExpression,
  params?: ScopeParams,
): ScopeVerdict;
/**
 * The scope expression `method` (a generated API method, e.g. `queue.createTask`) requires,
 * exactly as the reference gives it; undefined when the entry requires none. Throws a TypeError
 * for anything else (a client must have been made for the method's class).
 */
export declare function requiredScopes(method: ApiMethod): ScopeExpressionTemplate | undefined;
/**
 * The template parameters a call's route arguments give: `{ <arg name>: value }` in the entry's
 * order, e.g. `scopeParams(purgeCache.purgeCache, 'proj/w')` → `{ workerPoolId: 'proj/w' }`, to pass
 * to satisfiesScopes (the services fill the same names from the route). Throws a TypeError for
 * anything but an API method, or more arguments than the route has.
 */
export declare function scopeParams(
  method: ApiMethod,
  ...routeArgs: Array<string | number>
): {
  [name: string]: string | number;
};
