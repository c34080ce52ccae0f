// Opt-in schema validation (`<package>/validation`): payloads against the entry's input schema
// before sending, responses against its output schema. Only this module loads ajv (draft-06, with
// ajv-formats), and only when a validation first runs: a client without validation never imports
// it, and the package's main entry does not reach it, so bundles without validation hold none of it.
// ajv and ajv-formats are optional peer dependencies of the package: install them to validate.
import type { EntryDefinition, SchemaValidation, ValidationContext } from './types.js';

/** One service's schemas, as the generated `schemas/<service>.js` module exports them. */
export interface ServiceSchemas {
  /** Per entry name: its input and output schema as root-relative URLs with fragment ("/schemas/queue/v1/task.json#"). */
  entries: { readonly [name: string]: { readonly input?: string; readonly output?: string } };
  /** Every schema document the entries reach, keyed by root-relative path ("/schemas/queue/v1/task.json"). */
  documents: { readonly [path: string]: unknown };
}

/** Loads a service's schemas on first use (a dynamic import of its module). */
export type SchemaLoaders = { readonly [serviceName: string]: () => Promise<ServiceSchemas> };

export interface ValidationOptions {
  /**
   * What an invalid response does: `'reject'` (the default: the call rejects with a
   * SchemaValidationError, since code typed against the output type would otherwise meet a value
   * outside it, and a caller who turned validation on asked to know), or `'warn'`: the call
   * resolves with the value as received and `onWarning` gets the error (default: console.warn).
   */
  responses?: 'reject' | 'warn';
  onWarning?: (error: SchemaValidationError) => void;
}

/** One failing keyword: where in the value, which keyword, and where in which schema. */
export interface SchemaViolation {
  /** JSON pointer in the value ("" for the whole value). */
  pointer: string;
  keyword: string;
  message: string;
  /** The schema's URL under the client's root URL, with the JSON pointer of the failing keyword. */
  schemaUrl: string;
}

/** A payload or response that does not match the entry's schema. The message names each violation. */
export class SchemaValidationError extends Error {
  readonly code = 'SchemaValidationError';
  constructor(
    /** "<service>.<method>", e.g. "queue.createTask". */
    readonly method: string,
    readonly direction: 'request' | 'response',
    readonly violations: SchemaViolation[],
  ) {
    super(
      `${method}: the ${direction === 'request' ? 'payload does not match the input' : 'response does not match the output'} schema (${direction === 'request' ? 'nothing was sent' : 'as received'}):\n` +
        violations.map((v) => `  ${v.pointer || '(root)'}: ${v.keyword}: ${v.message} (${v.schemaUrl})`).join('\n'),
    );
    this.name = 'SchemaValidationError';
  }
}

type Check = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; schemaPath: string; keyword: string; message?: string; parentSchema?: unknown }> | null };

/** Every schema object of the documents, with its document path and JSON pointer: ajv's `parentSchema` is one of them (verbose). */
function schemaLocations(documents: ServiceSchemas['documents'], roots: Map<string, object>): WeakMap<object, string> {
  const locations = new WeakMap<object, string>();
  const walk = (node: unknown, location: string) => {
    if (node === null || typeof node !== 'object' || locations.has(node)) return;
    locations.set(node, location);
    for (const [key, child] of Object.entries(node)) walk(child, `${location}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  for (const [path, document] of Object.entries(documents)) {
    walk(document, `${path}#`);
    // the registered copy of each root (without $schema, with an absolute $id) is the same place
    const root = roots.get(path);
    if (root !== undefined) locations.set(root, `${path}#`);
  }
  return locations;
}

/** The base under which documents are registered: their own URLs are root-relative, ajv wants absolute ones. */
const BASE = 'https://schemas.invalid';

interface Validators {
  getSchema(id: string): Check | undefined;
  /** Where a schema object is: "<document path>#<pointer>". */
  locations: WeakMap<object, string>;
}

async function createAjv(schemas: ServiceSchemas): Promise<Validators> {
  // `as string`: the package's types must not need ajv's (it is an optional peer dependency).
  const [ajvModule, formatsModule] = await Promise.all([import('ajv' as string).catch(missingPeer), import('ajv-formats' as string).catch(missingPeer)]);
  const Ajv = ajvModule.default?.default ?? ajvModule.default;
  const addFormats = formatsModule.default?.default ?? formatsModule.default;
  // validateSchema off: the references declare their own metaschema (/schemas/common/metaschema.json), a
  // draft-06 superset; ajv 8's default draft-07 vocabulary reads draft-06 schemas alike (the generator
  // replaced `$ref`s to the JSON Schema metaschema by what it admits: an object or a boolean).
  // verbose: errors carry the schema object that failed (parentSchema), which locates it in its document.
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, verbose: true });
  addFormats(ajv);
  const roots = new Map<string, object>();
  for (const [path, document] of Object.entries(schemas.documents)) {
    const { $schema: _, ...rest } = document as Record<string, unknown>;
    const root = { ...rest, $id: `${BASE}${path}#` };
    roots.set(path, root);
    ajv.addSchema(root);
  }
  return { getSchema: (id) => ajv.getSchema(id), locations: schemaLocations(schemas.documents, roots) };
}

function missingPeer(error: unknown): never {
  throw new Error('schema validation needs the packages ajv (8.x) and ajv-formats (3.x): npm install ajv ajv-formats', { cause: error });
}

/**
 * Schema validation for ClientOptions.validate or CallOptions.validate. `loaders` maps each
 * service to its schemas module (the generated `<package>/validation` supplies them); ajv and each
 * service's validators are made on first use and kept.
 */
export function createSchemaValidation(loaders: SchemaLoaders, options: ValidationOptions = {}): SchemaValidation {
  const responses = options.responses ?? 'reject';
  if (responses !== 'reject' && responses !== 'warn') throw new TypeError(`schemaValidation: responses must be 'reject' or 'warn', got ${String(responses)}`);
  const services = new Map<string, Promise<{ schemas: ServiceSchemas; ajv: Validators }>>();
  const service = (name: string) => {
    let found = services.get(name);
    if (found === undefined) {
      const load = loaders[name];
      if (load === undefined) throw new TypeError(`schemaValidation: no schemas for service ${name}`);
      found = load().then(async (schemas) => ({ schemas, ajv: await createAjv(schemas) }));
      services.set(name, found);
    }
    return found;
  };
  const check = async (context: ValidationContext, direction: 'input' | 'output', value: unknown): Promise<SchemaViolation[]> => {
    const { schemas, ajv } = await service(context.serviceName);
    const schemaRef = schemas.entries[context.entry.name]?.[direction];
    if (schemaRef === undefined) return [];
    const validate = ajv.getSchema(new URL(schemaRef, BASE).href);
    if (validate === undefined) throw new Error(`schemaValidation: schema ${schemaRef} of ${context.serviceName}.${context.entry.name} is missing`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath,
      keyword: error.keyword,
      message: error.message ?? '',
      schemaUrl: schemaUrl(context.rootUrl, schemaRef, error, ajv.locations),
    }));
  };
  const name = (context: ValidationContext) => `${context.serviceName}.${context.entry.name}`;
  return {
    async checkRequest(context, payload) {
      const violations = await check(context, 'input', payload);
      if (violations.length > 0) throw new SchemaValidationError(name(context), 'request', violations);
    },
    async checkResponse(context, value) {
      const violations = await check(context, 'output', value);
      if (violations.length === 0) return value;
      const error = new SchemaValidationError(name(context), 'response', violations);
      if (responses === 'reject') throw error;
      (options.onWarning ?? ((e) => console.warn(e.message)))(error);
      return value;
    },
  };
}

/**
 * The failing keyword's URL under the root URL: its schema object's place in its document (ajv's
 * schemaPath is relative to whichever schema a `$ref` entered, without naming it), else schemaPath
 * resolved against the entry's schema.
 */
function schemaUrl(rootUrl: string, schemaRef: string, error: { schemaPath: string; keyword: string; parentSchema?: unknown }, locations: WeakMap<object, string>): string {
  const place = typeof error.parentSchema === 'object' && error.parentSchema !== null ? locations.get(error.parentSchema) : undefined;
  if (place !== undefined) return `${rootUrl}${place}/${error.keyword}`;
  const resolved = new URL(error.schemaPath, new URL(schemaRef, BASE));
  return `${rootUrl}${resolved.pathname}${resolved.hash}`;
}

export type { EntryDefinition };
