/**
 * What a method accepts where its schema type is `T`: `T`, plus readonly arrays, `undefined` for
 * optional properties (never sent), and interface-typed values for open objects. Use it to
 * annotate a value built for a call: `const task: Input<TaskDefinitionRequest> = …`, or
 * `… satisfies Input<TaskDefinitionRequest>`.
 */
export type Input<T> = T extends object
  ? T extends readonly unknown[]
    ? {
        readonly [K in keyof T]: Input<T[K]>;
      }
    : string extends keyof T
      ? unknown extends T[string & keyof T]
        ? InputObject<T> & NotAnArray & NotABuiltIn
        : InputObject<T>
      : InputObject<T>
  : T;
/**
 * The properties of an object `T` as {@link Input} takes them: each value an `Input`, an optional
 * property also `undefined`, an index signature of `unknown` values (an open object) `any`, so that
 * an interface-typed value satisfies it.
 */
export type InputObject<T> = {
  [K in keyof T]: string extends K
    ? unknown extends T[K]
      ? any
      : Input<T[K]>
    : number extends K
      ? Input<T[K]>
      : Input<T[K]> | ({} extends Pick<T, K> ? undefined : never);
};
/** An open object's input is a JSON object, never an array (arrays have an iterator; JSON objects no symbol keys). */
export interface NotAnArray {
  readonly [Symbol.iterator]?: never;
}
/**
 * An open object's input is no Date, function or class, promise, map, set or regular expression:
 * each declares a well-known symbol member (`Symbol.toPrimitive`, `Symbol.hasInstance`,
 * `Symbol.toStringTag`, `Symbol.match`), which a JSON object never has. (JSON.stringify would send a
 * date as a string, a function as nothing, a map as `{}`: none of them the object a schema describes.)
 */
export interface NotABuiltIn {
  readonly [Symbol.toPrimitive]?: never;
  readonly [Symbol.hasInstance]?: never;
  readonly [Symbol.toStringTag]?: never;
  readonly [Symbol.match]?: never;
}
