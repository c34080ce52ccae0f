import { isObject } from '../load/load.ts';

/**
 * Renders a scope expression readably for TSDoc:
 * a string, { AllOf: [...] }, { AnyOf: [...] }, { if, then, else? }, { for, in, each }.
 */
export function scopeLines(expression: unknown, indent = ''): string[] {
  if (typeof expression === 'string') return [`${indent}- \`${expression}\``];
  if (!isObject(expression)) return [`${indent}- ${JSON.stringify(expression)}`];
  for (const combinator of ['AllOf', 'AnyOf'] as const) {
    const list = expression[combinator];
    if (Array.isArray(list)) {
      const heading = combinator === 'AllOf' ? 'All of:' : 'Any of:';
      return [`${indent}- ${heading}`, ...list.flatMap((item) => scopeLines(item, indent + '  '))];
    }
  }
  if (typeof expression.if === 'string') {
    const lines = [`${indent}- If \`${expression.if}\`:`, ...scopeLines(expression.then, indent + '  ')];
    if (expression.else !== undefined) lines.push(`${indent}- Otherwise:`, ...scopeLines(expression.else, indent + '  '));
    return lines;
  }
  if (typeof expression.for === 'string' && typeof expression.in === 'string') {
    return [`${indent}- For each \`${expression.for}\` in \`${expression.in}\`:`, ...scopeLines(expression.each, indent + '  ')];
  }
  return [`${indent}- ${JSON.stringify(expression)}`];
}

export function scopesParagraph(expression: unknown): string | undefined {
  if (expression === undefined || expression === null) return undefined;
  return ['Required scopes:', ...scopeLines(expression)].join('\n');
}
