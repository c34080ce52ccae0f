import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { isObject } from '../load/load.ts';
import type { TypeModel } from '../model/model.ts';
import { escapeDocText } from './escape.ts';
import { documentedBody, type SchemaDocsContext } from './schema-docs.ts';

const COMPILE_OPTIONS = {
  bannerComment: '',
  format: false,
  declareExternallyReferenced: false,
  ignoreMinAndMaxItems: true,
  additionalProperties: true,
  unknownAny: true,
  strictIndexSignatures: false,
  $refOptions: {},
} as const;

/** Escapes descriptions with our own helper so json-schema-to-typescript's fallback never applies. */
function escapeDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(escapeDescriptions);
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'description' && typeof value === 'string') return [key, escapeDocText(value)];
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') return [key, value];
      return [key, escapeDescriptions(value)];
    }),
  );
}

/**
 * The TypeScript declaration of one named type: json-schema-to-typescript writes the body,
 * under the name we assigned (titles and ids were removed, so it invents none of its own).
 */
export async function renderType(type: TypeModel, docs?: SchemaDocsContext): Promise<string> {
  const body = escapeDescriptions(documentedBody(type, docs)) as JSONSchema;
  const code = await compile(typeof body === 'boolean' ? { tsType: body ? 'unknown' : 'never' } : body, type.name, COMPILE_OPTIONS);
  return code.trim();
}
