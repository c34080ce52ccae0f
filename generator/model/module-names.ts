/**
 * The module that holds the worker payload types (`<package>/workers`), and its key in the name
 * lock and the stamp: no service may take the name (model.ts refuses it as a package subpath).
 * On its own so that the stamp code reads it without loading the modelling stage.
 */
export const WORKERS_MODULE = 'workers';
