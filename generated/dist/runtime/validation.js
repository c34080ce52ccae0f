/** A payload or response that does not match the entry's schema. The message names each violation. */
export class SchemaValidationError extends Error {
  method;
  direction;
  violations;
  code = 'SchemaValidationError';
  constructor(
    /** "<service>.<method>", e.g. "queue.createTask". */
    method,
    direction,
    violations,
  ) {
    super(
      `${method}: the ${direction === 'request' ? 'payload does not match the input' : 'response does not match the output'} schema (${direction === 'request' ? 'nothing was sent' : 'as received'}):\n` +
        violations.map((v) => `  ${v.pointer || '(root)'}: ${v.keyword}: ${v.message} (${v.schemaUrl})`).join('\n'),
    );
    this.method = method;
    this.direction = direction;
    this.violations = violations;
    this.name = 'SchemaValidationError';
  }
}
/** Every schema object of the documents, with its document path and JSON pointer: ajv's `parentSchema` is one of them (verbose). */
function schemaLocations(documents, roots) {
  const locations = new WeakMap();
  const walk = (node, location) => {
    if (node === null || typeof node !== 'object' || locations.has(node)) return;
    locations.set(node, location);
    for (const [key, child] of Object.entries(node))
      walk(child, `${location}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
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
async function createAjv(schemas) {
  // `as string`: the package's types must not need ajv's (it is an optional peer dependency).
  const [ajvModule, formatsModule] = await Promise.all([
    import('ajv').catch(missingPeer),
    import('ajv-formats').catch(missingPeer),
  ]);
  const Ajv = ajvModule.default?.default ?? ajvModule.default;
  const addFormats = formatsModule.default?.default ?? formatsModule.default;
  // validateSchema off: the references declare their own metaschema (/schemas/common/metaschema.json), a
  // draft-06 superset; ajv 8's default draft-07 vocabulary reads draft-06 schemas alike (the generator
  // replaced `$ref`s to the JSON Schema metaschema by what it admits: an object or a boolean).
  // verbose: errors carry the schema object that failed (parentSchema), which locates it in its document.
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, verbose: true });
  addFormats(ajv);
  const roots = new Map();
  for (const [path, document] of Object.entries(schemas.documents)) {
    const { $schema: _, ...rest } = document;
    const root = { ...rest, $id: `${BASE}${path}#` };
    roots.set(path, root);
    ajv.addSchema(root);
  }
  return { getSchema: (id) => ajv.getSchema(id), locations: schemaLocations(schemas.documents, roots) };
}
function missingPeer(error) {
  throw new Error('schema validation needs the packages ajv (8.x) and ajv-formats (3.x): npm install ajv ajv-formats', {
    cause: error,
  });
}
/**
 * Schema validation for ClientOptions.validate or CallOptions.validate. `loaders` maps each
 * service to its schemas module (the generated `<package>/validation` supplies them); ajv and each
 * service's validators are made on first use and kept.
 */
export function createSchemaValidation(loaders, options = {}) {
  const responses = options.responses ?? 'reject';
  if (responses !== 'reject' && responses !== 'warn')
    throw new TypeError(`schemaValidation: responses must be 'reject' or 'warn', got ${String(responses)}`);
  const services = new Map();
  const service = (name) => {
    let found = services.get(name);
    if (found === undefined) {
      const load = loaders[name];
      if (load === undefined) throw new TypeError(`schemaValidation: no schemas for service ${name}`);
      found = load().then(async (schemas) => ({ schemas, ajv: await createAjv(schemas) }));
      services.set(name, found);
    }
    return found;
  };
  const check = async (context, direction, value) => {
    const { schemas, ajv } = await service(context.serviceName);
    const schemaRef = schemas.entries[context.entry.name]?.[direction];
    if (schemaRef === undefined) return [];
    const validate = ajv.getSchema(new URL(schemaRef, BASE).href);
    if (validate === undefined)
      throw new Error(
        `schemaValidation: schema ${schemaRef} of ${context.serviceName}.${context.entry.name} is missing`,
      );
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath,
      keyword: error.keyword,
      message: error.message ?? '',
      schemaUrl: schemaUrl(context.rootUrl, schemaRef, error, ajv.locations),
    }));
  };
  const name = (context) => `${context.serviceName}.${context.entry.name}`;
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
function schemaUrl(rootUrl, schemaRef, error, locations) {
  const place =
    typeof error.parentSchema === 'object' && error.parentSchema !== null
      ? locations.get(error.parentSchema)
      : undefined;
  if (place !== undefined) return `${rootUrl}${place}/${error.keyword}`;
  const resolved = new URL(error.schemaPath, new URL(schemaRef, BASE));
  return `${rootUrl}${resolved.pathname}${resolved.hash}`;
}
