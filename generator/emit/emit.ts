import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLibFiles } from '@ts-morph/common';
import { ts } from 'ts-morph';
import { GenerateError, type Problem } from '../errors.ts';

/**
 * Sources are compiled as if they stood in a folder inside tcgen itself, so that
 * `undici` and `@types/node` resolve from tcgen's own node_modules wherever the
 * output goes; nothing is written there, the host serves them from memory.
 */
const VIRTUAL_ROOT = fileURLToPath(new URL('../../.tcgen-virtual/', import.meta.url));

/** TypeScript's own lib .d.ts files, which ts-morph ships in memory rather than on disk. */
const LIB_FOLDER = path.join(VIRTUAL_ROOT, '__lib__');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  declaration: true,
  skipLibCheck: true,
  types: ['node'],
  lib: ['lib.es2022.d.ts'],
  rootDir: path.join(VIRTUAL_ROOT, 'src'),
  outDir: path.join(VIRTUAL_ROOT, 'dist'),
  newLine: ts.NewLineKind.LineFeed,
  removeComments: false,
  noEmitOnError: true,
};

/** Parsed declaration files (TypeScript's libs, @types/node, undici), kept for the next program of the same run. */
export type DeclarationCache = Map<string, ts.SourceFile>;

function overlayHost(files: Map<string, string>, emitted: Map<string, string>, cache: DeclarationCache): ts.CompilerHost {
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const virtual = new Map([...files].map(([relative, text]) => [path.join(VIRTUAL_ROOT, relative), text]));
  for (const lib of getLibFiles()) virtual.set(path.join(LIB_FOLDER, lib.fileName), lib.text);
  const virtualDirs = new Set([...virtual.keys()].flatMap((file) => ancestors(path.dirname(file))));
  host.getDefaultLibLocation = () => LIB_FOLDER;
  host.getDefaultLibFileName = (options) => path.join(LIB_FOLDER, ts.getDefaultLibFileName(options));
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.directoryExists = (dir) => virtualDirs.has(dir) || (directoryExists?.call(host, dir) ?? false);
  host.getSourceFile = (file, languageVersion, onError) => {
    const cached = cache.get(file);
    if (cached) return cached;
    const text = virtual.get(file);
    if (text !== undefined && !file.startsWith(LIB_FOLDER)) return ts.createSourceFile(file, text, languageVersion, true);
    const parsed = text === undefined ? getSourceFile.call(host, file, languageVersion, onError) : ts.createSourceFile(file, text, languageVersion, true);
    if (parsed && file.endsWith('.d.ts')) cache.set(file, parsed);
    return parsed;
  };
  host.writeFile = (file, text) => emitted.set(path.relative(VIRTUAL_ROOT, file).split(path.sep).join('/'), text);
  return host;
}

function ancestors(dir: string): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

function diagnosticProblem(diagnostic: ts.Diagnostic): Problem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return { location: 'generated package', pointer: '', message: `TS${diagnostic.code}: ${message}` };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const location = `${path.relative(VIRTUAL_ROOT, diagnostic.file.fileName)}:${line + 1}:${character + 1}`;
  return { location, pointer: '', message: `generated code does not type-check: TS${diagnostic.code}: ${message}` };
}

/**
 * Parses the declarations every package needs (TypeScript's libs, @types/node, undici's
 * types) into `cache`, so that a later `emitPackage` only parses and checks the package.
 */
export function warmDeclarations(cache: DeclarationCache): void {
  const probe = new Map([
    ['src/probe.ts', "import type { Dispatcher } from 'undici';\nimport { createHmac } from 'node:crypto';\nexport type Probe = [Dispatcher, typeof createHmac];\n"],
    ['package.json', '{"type":"module"}'],
  ]);
  const host = overlayHost(probe, new Map(), cache);
  ts.createProgram({ rootNames: [path.join(VIRTUAL_ROOT, 'src/probe.ts')], options: COMPILER_OPTIONS, host }).getSemanticDiagnostics();
}

/**
 * Type-checks the package's TypeScript under `strict` and emits its `.js` and `.d.ts`
 * (paths relative to the output directory, under dist/). Throws when it does not check.
 */
export function emitPackage(files: Map<string, string>, cache: DeclarationCache = new Map()): Map<string, string> {
  const sources = new Map([...files].filter(([file]) => file.startsWith('src/') && file.endsWith('.ts')));
  const withManifest = new Map([...sources, ['package.json', files.get('package.json') ?? '{"type":"module"}']]);
  const emitted = new Map<string, string>();
  const host = overlayHost(withManifest, emitted, cache);
  const rootNames = [...sources.keys()].sort().map((file) => path.join(VIRTUAL_ROOT, file));
  const program = ts.createProgram({ rootNames, options: COMPILER_OPTIONS, host });
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  if (diagnostics.length > 0) throw new GenerateError(diagnostics.map(diagnosticProblem));
  const result = program.emit();
  if (result.emitSkipped || result.diagnostics.length > 0) throw new GenerateError(result.diagnostics.map(diagnosticProblem));
  return emitted;
}
