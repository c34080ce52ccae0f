import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ts as TypeScript } from '@ts-morph/common';
import { libFileText, ts } from './typescript.ts';
import { GenerateError, type Problem } from '../errors.ts';

/**
 * Sources are compiled as if they stood in a folder inside tcgen itself, so that
 * `undici` and `@types/node` resolve from tcgen's own node_modules wherever the
 * output goes; nothing is written there, the host serves them from memory.
 */
const VIRTUAL_ROOT = fileURLToPath(new URL('../../.tcgen-virtual/', import.meta.url));

/** TypeScript's own lib .d.ts files, which ts-morph ships in memory rather than on disk. */
const LIB_FOLDER = path.join(VIRTUAL_ROOT, '__lib__');

/** A compiler path as a '/'-separated path relative to the package ("src/services/queue.ts"). */
const relativePath = (file: string): string => path.relative(VIRTUAL_ROOT, file).split(path.sep).join('/');

const COMPILER_OPTIONS: TypeScript.CompilerOptions = {
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

/** Parsed files (TypeScript's libs, @types/node, undici's types, the runtime), kept for the next program of the same run. */
export type DeclarationCache = Map<string, TypeScript.SourceFile>;

/**
 * Checking services against the runtime's prebuilt declarations needs only the names those
 * declarations take from undici and Node.js. The runtime itself is checked against the real
 * @types/node and undici types when it is built (runtime-build.ts), so these stand-ins spare
 * each run parsing 2.4 MB of declarations it does not check.
 */
const RUNTIME_DECLARATION_STUBS = new Map([
  ['node_modules/undici/package.json', '{ "name": "undici", "types": "index.d.ts" }'],
  ['node_modules/undici/index.d.ts', 'export interface Dispatcher {}\nexport declare namespace Dispatcher {\n  type HttpMethod = string;\n}\n'],
  [
    'stubs/node-globals.d.ts',
    'declare namespace NodeJS {\n  interface ProcessEnv {\n    [key: string]: string | undefined;\n  }\n}\ninterface AbortSignal {\n  readonly aborted: boolean;\n}\ndeclare class URL {\n  readonly href: string;\n}\n',
  ],
]);

type OnEmitted = ((file: string, text: string) => void) | undefined;

function overlayHost(files: Map<string, string>, emitted: Map<string, string>, cache: DeclarationCache, options = COMPILER_OPTIONS, onEmitted?: OnEmitted): TypeScript.CompilerHost {
  // No setParentNodes: the binder sets every parent pointer anyway; the parser's extra pass cost ~0.1 s a run.
  const host = ts.createCompilerHost(options);
  const virtual = new Map([...files].map(([relative, text]) => [path.join(VIRTUAL_ROOT, relative), text]));
  const virtualDirs = new Set([...virtual.keys(), path.join(LIB_FOLDER, 'lib.d.ts')].flatMap((file) => ancestors(path.dirname(file))));
  // TypeScript's lib files are read when the program asks for them (typescript.ts).
  const textOf = (file: string): string | undefined => virtual.get(file) ?? (path.dirname(file) === LIB_FOLDER ? libFileText(path.basename(file)) : undefined);
  // Type roots (`types: ['node']`) are looked up from the current directory: tcgen's, not the user's.
  host.getCurrentDirectory = () => VIRTUAL_ROOT;
  host.getDefaultLibLocation = () => LIB_FOLDER;
  host.getDefaultLibFileName = (options) => path.join(LIB_FOLDER, ts.getDefaultLibFileName(options));
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (file) => textOf(file) !== undefined || fileExists.call(host, file);
  host.readFile = (file) => textOf(file) ?? readFile.call(host, file);
  host.directoryExists = (dir) => virtualDirs.has(dir) || (directoryExists?.call(host, dir) ?? false);
  host.getSourceFile = (file, languageVersion, onError) => {
    const text = textOf(file);
    const cached = cache.get(file);
    // A file parsed for an earlier program of this run is reused when its text is the same.
    if (cached && (text === undefined || cached.text === text)) return cached;
    const parsed = text === undefined ? getSourceFile.call(host, file, languageVersion, onError) : ts.createSourceFile(file, text, languageVersion);
    if (parsed) cache.set(file, parsed);
    return parsed;
  };
  host.writeFile = (file, text) => {
    const relative = relativePath(file);
    emitted.set(relative, text);
    if (onEmitted && relative.startsWith('dist/') && !relative.startsWith('dist/runtime/')) onEmitted(relative, text);
  };
  return host;
}

function ancestors(dir: string): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

function diagnosticProblem(diagnostic: TypeScript.Diagnostic): Problem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return { location: 'generated package', pointer: '', message: `TS${diagnostic.code}: ${message}` };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const location = `${relativePath(diagnostic.file.fileName)}:${line + 1}:${character + 1}`;
  return { location, pointer: '', message: `generated code does not type-check: TS${diagnostic.code}: ${message}` };
}

function programOf(files: Map<string, string>, emitted: Map<string, string>, cache: DeclarationCache, options = COMPILER_OPTIONS, onEmitted?: OnEmitted): TypeScript.Program {
  const sources = [...files.keys()].filter((file) => (file.startsWith('src/') || file.startsWith('stubs/')) && file.endsWith('.ts') && !file.startsWith('src/runtime/')).sort();
  const runtime = [...files.keys()].filter((file) => file.startsWith('src/runtime/') && file.endsWith('.ts') && !file.endsWith('.d.ts')).sort();
  const withManifest = new Map([...files, ['package.json', files.get('package.json') ?? '{"type":"module"}']]);
  const host = overlayHost(withManifest, emitted, cache, options, onEmitted);
  return ts.createProgram({ rootNames: [...runtime, ...sources].map((file) => path.join(VIRTUAL_ROOT, file)), options, host });
}

function throwIfAny(diagnostics: readonly TypeScript.Diagnostic[]): void {
  if (diagnostics.length > 0) throw new GenerateError(diagnostics.map(diagnosticProblem));
}

/**
 * Type-checks the runtime on its own, before the package is rendered: it is the same in every
 * package and imports nothing generated, so its diagnostics hold for the whole package. This
 * also parses what every package needs (TypeScript's libs, @types/node, undici's types) into
 * `cache`. Returns the paths checked, for `emitPackage` to skip.
 */
export function checkRuntime(runtime: Map<string, string>, cache: DeclarationCache): Map<string, string> {
  const program = programOf(runtime, new Map(), cache);
  throwIfAny([...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()]);
  return new Map([...runtime].filter(([file]) => file.endsWith('.ts')));
}

function checkFiles(program: TypeScript.Program, toCheck: readonly string[]): void {
  throwIfAny([
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...toCheck.flatMap((file) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    }),
  ]);
}

function emitAll(program: TypeScript.Program): void {
  const result = program.emit();
  throwIfAny(result.diagnostics);
  if (result.emitSkipped) throw new GenerateError([{ location: 'generated package', pointer: '', message: 'TypeScript emitted nothing' }]);
}

/** Checks `toCheck` (root file paths) and the program as a whole, then emits; throws GenerateError on any diagnostic. */
function checkAndEmit(program: TypeScript.Program, toCheck: readonly string[]): void {
  checkFiles(program, toCheck);
  emitAll(program);
}

/**
 * Type-checks the package's own modules (services, index) under `strict` against the
 * runtime's prebuilt declarations (`src/runtime/*.d.ts` → text) and emits them; the runtime's
 * own output comes prebuilt too. Throws when they do not check. With `onEmitted`, it emits
 * before it checks and hands over each `dist/**.js` and `.d.ts` file (path, text) as TypeScript
 * writes it: the caller must discard those when this throws. (The check after the emit takes
 * ~1 ms: emitting declarations checks every file, and the diagnostics are kept.)
 */
export function emitAgainstRuntimeDeclarations(
  files: Map<string, string>,
  runtimeDeclarations: Map<string, string>,
  cache: DeclarationCache = new Map(),
  onEmitted?: (file: string, text: string) => void,
): Map<string, string> {
  const emitted = new Map<string, string>();
  const sources = new Map([...files].filter(([file]) => ((file.startsWith('src/') && file.endsWith('.ts')) || file === 'package.json') && !file.startsWith('src/runtime/')));
  const options = { ...COMPILER_OPTIONS, types: [], ...(onEmitted && { noEmitOnError: false }) };
  const program = programOf(new Map([...sources, ...runtimeDeclarations, ...RUNTIME_DECLARATION_STUBS]), emitted, cache, options, onEmitted);
  const toCheck = program.getRootFileNames().filter((file) => !relativePath(file).startsWith('stubs/'));
  if (onEmitted) {
    // The output goes out as it is written, to be formatted while this thread checks; the caller
    // must drop it when the check then throws (noEmitOnError would check first).
    emitAll(program);
    checkFiles(program, toCheck);
  } else {
    checkAndEmit(program, toCheck);
  }
  return new Map([...emitted].filter(([file]) => file.startsWith('dist/') && !file.startsWith('dist/runtime/')));
}

/**
 * Type-checks the package's TypeScript under `strict` and emits its `.js` and `.d.ts`
 * (paths relative to the output directory, under dist/). Throws when it does not check.
 * Files in `checked` (path → text, see checkRuntime) are not checked again.
 */
export function emitPackage(files: Map<string, string>, cache: DeclarationCache = new Map(), checked: Map<string, string> = new Map()): Map<string, string> {
  const emitted = new Map<string, string>();
  // src/runtime/package.json maps the runtime's `#runtime/…` imports to its platform modules.
  const sources = new Map([...files].filter(([file]) => (file.startsWith('src/') && (file.endsWith('.ts') || file.endsWith('/package.json'))) || file === 'package.json'));
  const program = programOf(sources, emitted, cache);
  checkAndEmit(program, program.getRootFileNames().filter((file) => checked.get(relativePath(file)) !== sources.get(relativePath(file))));
  return emitted;
}
