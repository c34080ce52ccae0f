/**
 * The one place reference text is made safe for generated code. Templates interpolate only
 * the output of these functions (through the handlebars helpers), never raw reference text.
 */

/** Text safe inside a block comment: no `*​/` can close it, line endings normalised. */
export function escapeDocText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\*\//g, '*\\/').replace(/\u2028|\u2029/g, ' ');
}

/** A TSDoc block from paragraphs of text; empty paragraphs are dropped. */
export function docComment(paragraphs: Array<string | undefined>): string {
  const text = paragraphs
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .map((p) => escapeDocText(p.trim()))
    .join('\n\n');
  if (text === '') return '';
  return ['/**', ...text.split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'].join('\n');
}

/** A JavaScript string (or any JSON value) literal with the exact value. */
export function literal(value: unknown): string {
  // JSON.stringify leaves U+2028/U+2029 raw, which older parsers reject inside string literals.
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
}
