import { GenerateError, lowerFirst } from '../errors.ts';

/**
 * Parses JSON text, turning a syntax error into one located line: "not valid JSON at line L,
 * column C: <reason>". A leading byte order mark is ignored, as most JSON readers do.
 */
export function parseJson(text: string, location: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const offset = syntaxErrorOffset(body);
    // V8 names the reason before " in JSON at position N"; without a position its text quotes the input, which we do not repeat.
    const reason = /^(.*?) in JSON at position \d+/.exec(message)?.[1] ?? describeAt(body, offset);
    const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset + text.length - body.length)}`;
    throw new GenerateError([{ location, pointer: '', message: `not valid JSON${where}: ${lowerFirst(reason.replace(/\s+/g, ' '))}` }]);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function describeAt(text: string, offset: number | undefined): string {
  if (offset === undefined) return 'syntax error';
  if (offset >= text.length) return 'unexpected end of input';
  return `unexpected character ${JSON.stringify(String.fromCodePoint(text.codePointAt(offset)!))}`;
}

/** The offset of the first character that makes `text` invalid JSON (text.length when it ends too soon). */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string) => (text[i] === char ? i++ : stop());
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') stop();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++) (/[0-9a-fA-F]/.test(text[i] ?? '') ? i++ : stop());
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else stop();
      }
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') stop();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          space();
          string();
          space();
          expect(':');
        }
        value();
        space();
        if (text[i] === ',') i++;
        else return void expect(close);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    number();
  };
  try {
    value();
    space();
    if (i < text.length) stop();
    return undefined;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}
