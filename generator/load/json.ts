import { GenerateError } from '../errors.ts';

/** Parses JSON text, turning a syntax error into a located problem with line and column. */
export function parseJson(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset).split('\n');
      where = ` at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
    }
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new GenerateError([{ location, pointer: '', message: `not valid JSON${where}: ${reason}` }]);
  }
}
