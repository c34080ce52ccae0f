// Types that read a generated API method's signature, so that helpers taking a method
// (buildUrl, buildSignedUrl) are typed from it, as paginate is. A generated method takes:
// route arguments (each `string | number`), the payload when the entry has an input, then
// an optional query object when the entry has query keys, then optional CallOptions<HTTP method>.
import type { CallOptions, EntryDefinition } from './types.js';

/** Any generated API method. */
export type ApiMethod = (...args: never[]) => Promise<unknown>;

/** Exactly `string | number`, the type of a route argument. */
type IsRouteArg<T> = [T] extends [string | number] ? ([string | number] extends [T] ? true : false) : false;

/** The leading route arguments of a parameter list. */
type RouteArgs<P extends readonly unknown[]> = P extends readonly [infer Head, ...infer Rest] ? (IsRouteArg<Head> extends true ? [Head, ...RouteArgs<Rest>] : []) : [];

/** The optional tail of a parameter list: [query?, options?] or [options?]. */
type OptionalTail<P extends readonly unknown[]> = P extends readonly [unknown, ...infer Rest] ? OptionalTail<Rest> : P;

/** `[query?]` when the method takes a query object, else `[]`. */
type QueryArg<Tail extends readonly unknown[]> = Required<Tail> extends [infer Query, unknown] ? [query?: Query] : [];

/** The entry's HTTP method, as its CallOptions parameter carries it. */
export type HttpMethodOf<M extends ApiMethod> = Required<OptionalTail<Parameters<M>>> extends [...unknown[], CallOptions<infer Method>] ? Method : EntryDefinition['method'];

/** True when `M` is (the type of) one of `C`'s API methods. */
export type IsMethodOf<C, M> = true extends { [K in keyof C]: C[K] extends M ? (M extends C[K] ? true : false) : false }[keyof C] ? true : false;

/** What follows the method in buildUrl: its route arguments, then its query (optional). */
export type UrlArgs<C, M extends ApiMethod> =
  IsMethodOf<C, M> extends true ? [...RouteArgs<Parameters<M>>, ...QueryArg<OptionalTail<Parameters<M>>>] : [notAnApiMethodOfThisClient: never];

/** What follows the method in buildSignedUrl: as buildUrl, then optionally `{ expiration }`; GET entries only. */
export type SignedUrlArgs<C, M extends ApiMethod, Options> =
  IsMethodOf<C, M> extends true
    ? [HttpMethodOf<M>] extends ['GET']
      ? [...RouteArgs<Parameters<M>>, ...QueryArg<OptionalTail<Parameters<M>>>, options?: Options]
      : [onlyGetMethodsCanBeSigned: never]
    : [notAnApiMethodOfThisClient: never];
