// Builds one OpenAPI 3.1 document from the api references and their schemas (the input
// openapi-typescript gets). Every schema file becomes a component; $refs are rewritten to
// point into components. Not timed: it is the peer's input, not its work.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `queue/v1/task.json` → `queue_v1_task` */
const componentName = (file: string): string => file.replace(/\.json$/, '').replace(/[^A-Za-z0-9]+/g, '_');

function rewriteRefs(value: Json, file: string): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, file));
  if (value === null || typeof value !== 'object') return value;
  const result: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === '$ref' && typeof child === 'string' && child.includes('://')) continue; // the draft-06 metaschema: left open
    if (key === '$ref' && typeof child === 'string') {
      const [target, pointer = ''] = child.split('#');
      const targetFile = target ? path.posix.join(path.posix.dirname(file), target) : file;
      result.$ref = `#/components/schemas/${componentName(targetFile)}${pointer}`;
    } else result[key] = rewriteRefs(child as Json, file);
  }
  return result;
}

export async function buildOpenApiDocument(referencesRoot: string): Promise<object> {
  const schemasDir = path.join(referencesRoot, 'schemas');
  const schemaFiles = (await readdir(schemasDir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  const schemas: Record<string, Json> = {};
  for (const file of schemaFiles) {
    schemas[componentName(file)] = rewriteRefs(JSON.parse(await readFile(path.join(schemasDir, file), 'utf8')) as Json, file);
  }
  const manifest = JSON.parse(await readFile(path.join(referencesRoot, 'references/manifest.json'), 'utf8')) as { references: string[] };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ref of manifest.references.filter((r) => r.endsWith('/api.json'))) {
    const api = JSON.parse(await readFile(path.join(referencesRoot, ref), 'utf8'));
    const schemaRef = (s: string) => ({ $ref: `#/components/schemas/${componentName(`${api.serviceName}/${s.split('#')[0]}`)}` });
    for (const entry of api.entries) {
      const route = `/${api.serviceName}/${api.apiVersion}${entry.route.replace(/<([^>]+)>/g, '{$1}')}`;
      const parameters = [
        ...entry.args.map((name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...entry.query.map((name: string) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
      ];
      const json = (s: string) => ({ 'application/json': { schema: schemaRef(s) } });
      (paths[route] ??= {})[entry.method] = {
        operationId: `${api.serviceName}.${entry.name}`,
        summary: entry.title,
        description: entry.description,
        parameters,
        ...(entry.input ? { requestBody: { required: true, content: json(entry.input) } } : {}),
        responses: { '200': entry.output ? { description: 'OK', content: json(entry.output) } : { description: 'OK' } },
      };
    }
  }
  return { openapi: '3.1.0', info: { title: 'Taskcluster', version: '87.1.3' }, paths, components: { schemas } };
}
