// How tests type-check application code against a generated package, as an application's own
// compiler does: the settings live here once, and each test names only what it varies.
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../generator/helpers.ts';

/** @types/node as an application has it: tcgen's own copy, wherever the test's files are. */
const TYPE_ROOTS = path.join(REPO_ROOT, 'node_modules', '@types');

/** An application's settings: strict, ES2022, NodeNext, @types/node; checking no library's declarations. */
export const APP_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [TYPE_ROOTS],
};

/** The strict family, library checking on: the settings the generated README says the package supports. */
export const STRICTEST: ts.CompilerOptions = {
  ...APP_OPTIONS,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  useUnknownInCatchVariables: true,
  skipLibCheck: false,
};

/** One diagnostic as "<file name>:<line>: <message>", for assertion messages. */
export function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '?';
  return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
}

/**
 * Type-checks `files` (absolute paths) with APP_OPTIONS, `options` over them. Returns the
 * program (to emit, or to look at its files) and every pre-emit diagnostic, described.
 */
export function compileApp(files: string[], options: ts.CompilerOptions = {}): { program: ts.Program; diagnostics: string[] } {
  const program = ts.createProgram(files, { ...APP_OPTIONS, ...options });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program).map(describeDiagnostic) };
}
