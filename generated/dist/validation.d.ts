import { type ValidationOptions } from './runtime/validation.js';
import type { SchemaValidation } from './runtime/types.js';
export { SchemaValidationError, type SchemaViolation, type ValidationOptions } from './runtime/validation.js';
/**
 * Validation of payloads (before sending: an invalid one is never sent) and responses against
 * the entries' schemas (ajv, draft-06, with formats; `ajv` and `ajv-formats` must be installed).
 * Failures reject with a SchemaValidationError naming the method, the JSON pointer in the value,
 * the failing keyword and the schema URL with its pointer. Invalid responses reject unless
 * `options.responses` is `'warn'`.
 */
export declare function schemaValidation(options?: ValidationOptions): SchemaValidation;
