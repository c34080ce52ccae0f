import { isObject } from '../load/load.ts';
import type { WorkersModel } from '../model/workers.ts';
import { resolvePointer } from '../model/schemas.ts';

/** What templates/workers.ts.hbs and the README's worker section see. */
export interface WorkersView {
  payloads: Array<{ key: string; typeName: string; title?: string; schemaPath: string; example?: string }>;
  task?: WorkersModel['task'];
  /** The key TSDoc examples use: the first payload's. */
  exampleKey: string;
  /** The first payload with an example, for the README's createTask example. */
  first?: { key: string; example: string };
}

/**
 * The smallest instance the schema accepts that this walk can build: required properties only,
 * the first enum value or oneOf/anyOf branch, `minItems` items (at least one), the minimum of a
 * number. Undefined where it cannot say (a `$ref` to another document, `not`, patterns it cannot
 * satisfy): the README then shows no example for that payload. Only for documentation; tests
 * check the examples against the schemas with ajv and against the types with TypeScript.
 */
export function minimalInstance(document: unknown, node: unknown, depth = 0): unknown {
  if (depth > 20 || !isObject(node)) return node === true ? {} : undefined;
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith('#')) return undefined;
    return minimalInstance(document, resolvePointer(document, decodeURIComponent(node.$ref.slice(1))), depth + 1);
  }
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches)) return minimalInstance(document, branches[0], depth + 1);
  }
  if (node.pattern !== undefined || node.not !== undefined) return undefined;
  const type = Array.isArray(node.type) ? node.type[0] : node.type ?? (isObject(node.properties) ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isObject(node.properties) ? node.properties : {};
      for (const name of Array.isArray(node.required) ? node.required : []) {
        const value = minimalInstance(document, properties[name as string] ?? {}, depth + 1);
        if (value === undefined) return undefined;
        out[name as string] = value;
      }
      return out;
    }
    case 'array': {
      const item = minimalInstance(document, node.items ?? {}, depth + 1);
      if (item === undefined) return undefined;
      return Array.from({ length: Math.max(1, typeof node.minItems === 'number' ? node.minItems : 1) }, () => item);
    }
    case 'string':
      return node.format === 'date-time' ? '2030-01-01T00:00:00.000Z' : node.format === 'uri' ? 'https://example.com' : 'example';
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? Math.max(node.minimum, Math.min(600, typeof node.maximum === 'number' ? node.maximum : 600)) : 600;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** The workers module's view: each payload with its README example, and createTask's input type. */
export function workersView(workers: WorkersModel): WorkersView {
  const documents = new Map(workers.types.map((type) => [type.schema.document.path, type.schema.document]));
  const payloads = workers.payloads.map((payload) => {
    const json = documents.get(payload.schemaPath)?.json;
    const example = minimalInstance(json, json);
    return { ...payload, ...(example !== undefined && { example: JSON.stringify(example) }) };
  });
  const first = payloads.find((payload) => payload.example !== undefined);
  return { payloads, exampleKey: payloads[0]?.key ?? '', ...(workers.task && { task: workers.task }), ...(first && { first: { key: first.key, example: first.example! } }) };
}
