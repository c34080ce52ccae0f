// The library entry point: what build scripts import.
export { generate, type GenerateOptions, type GenerateResult } from './generate.ts';
export { GenerateError, formatProblem, type Problem } from './errors.ts';
export type { ReferenceSource } from './load/source.ts';
export type { NameLock } from './model/names.ts';
export { diffReferences } from './diff/model-of.ts';
export type { Change, ChangeClass, ChangeKind, DiffReport, Verdict } from './diff/diff.ts';
