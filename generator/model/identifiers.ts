/** Words that cannot name a binding, a parameter or (by our rule) a method in generated code. */
export const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface ' +
    'package private protected public await arguments eval undefined NaN Infinity constructor prototype __proto__'
  ).split(' '),
);

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text);
}

/** A usable binding or method name: an identifier that is not a reserved word. */
export function isUsableName(text: string): boolean {
  return isIdentifier(text) && !RESERVED_WORDS.has(text);
}

/** Global types a generated module refers to or that would mislead as type names. */
export const GLOBAL_TYPE_NAMES = [
  'Array', 'ArrayLike', 'AbortSignal', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Math', 'Number', 'Object',
  'Partial', 'Promise', 'Readonly', 'Record', 'RegExp', 'Set', 'String', 'Symbol', 'URL',
];
