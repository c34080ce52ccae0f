// The type a generated method takes for a payload of schema type T. The schema types themselves
// (TaskDefinitionRequest, …) describe a JSON document as the service sends it: mutable arrays, an
// open object's other keys read as `unknown`, optional properties absent rather than `undefined`.
// An application holds the values it sends in other forms, which JSON.stringify sends just the
// same; Input<T> accepts those too, and nothing the schema refuses that T refuses:
// - readonly arrays and tuples (`as const` definitions, `readonly string[]`);
// - `undefined` for an optional property, under exactOptionalPropertyTypes (JSON.stringify leaves
//   the property out, so it is never sent);
// - interface-typed values for open objects: TypeScript gives an interface no implicit index
//   signature, so `{ [k: string]: unknown }` refuses it, while an index signature of type `any`
//   accepts any object type. Such an object refuses arrays (NotAnArray), dates, functions,
//   promises, maps, sets and regular expressions (NotABuiltIn), strings and numbers.
// Declared properties, closed objects, enums, typed maps and required properties are checked as in T.
export {};
