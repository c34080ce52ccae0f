import type { EntryDefinition, SchemaValidation } from './types.js';
/** One service's schemas, as the generated `schemas/<service>.js` module exports them. */
export interface ServiceSchemas {
  /** Per entry name: its input and output schema as root-relative URLs with fragment ("/schemas/queue/v1/task.json#"). */
  entries: {
    readonly [name: string]: {
      readonly input?: string;
      readonly output?: string;
    };
  };
  /** Every schema document the entries reach, keyed by root-relative path ("/schemas/queue/v1/task.json"). */
  documents: {
    readonly [path: string]: unknown;
  };
}
/** Loads a service's schemas on first use (a dynamic import of its module). */
export type SchemaLoaders = {
  readonly [serviceName: string]: () => Promise<ServiceSchemas>;
};
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
export declare class SchemaValidationError extends Error {
  /** "<service>.<method>", e.g. "queue.createTask". */
  readonly method: string;
  readonly direction: 'request' | 'response';
  readonly violations: SchemaViolation[];
  readonly code = 'SchemaValidationError';
  constructor(
    /** "<service>.<method>", e.g. "queue.createTask". */
    method: string,
    direction: 'request' | 'response',
    violations: SchemaViolation[],
  );
}
/**
 * Schema validation for ClientOptions.validate or CallOptions.validate. `loaders` maps each
 * service to its schemas module (the generated `<package>/validation` supplies them); ajv and each
 * service's validators are made on first use and kept.
 */
export declare function createSchemaValidation(loaders: SchemaLoaders, options?: ValidationOptions): SchemaValidation;
export type { EntryDefinition };
