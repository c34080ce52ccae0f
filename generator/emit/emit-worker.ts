// The emit stage's thread. While the main thread renders, it loads TypeScript and parses what
// the check needs: with a prebuilt runtime, only the runtime's declarations; without one, the
// declarations of @types/node and undici, checking the runtime itself; then it warms prettier.
// Sent the package, it emits it, handing over each JavaScript file as TypeScript writes it (the
// main thread formats them meanwhile), type-checks it, says so, then formats the declarations.
import { parentPort, workerData } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { checkRuntime, emitAgainstRuntimeDeclarations, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply =
  /** One emitted dist/**.js file, unformatted: the check may still fail. */
  | { javascript: [file: string, text: string] }
  /** The package type-checks: every JavaScript file was sent before this. */
  | { checked: true }
  /** The declarations (dist/**.d.ts), formatted. */
  | { declarations: Map<string, string> }
  | { problems: GenerateError['problems'] }
  | { failure: string };
export interface EmitWorkerData {
  /** The prebuilt runtime's declarations (`src/runtime/<name>.d.ts`), or null to compile the runtime here. */
  runtimeDeclarations: Map<string, string> | null;
}

const { runtimeDeclarations } = workerData as EmitWorkerData;
const cache: DeclarationCache = new Map();
const ready = runtimeDeclarations
  ? Promise.resolve(emitAgainstRuntimeDeclarations(new Map([['src/warm.ts', "export * from './runtime/index.js';\n"]]), runtimeDeclarations, cache)).then(() => new Map<string, string>())
  : runtimeFiles().then((runtime) => checkRuntime(runtime, cache));
ready.catch(() => {});
const formatter = ready
  .then(() => import('../format/format.ts'))
  .then(async (format) => (await format.warmFormatter('export declare function warm(up: string): Promise<void>;\n'), format));
formatter.catch(() => {});

const sendJavaScript = (file: string, text: string) => parentPort!.postMessage({ javascript: [file, text] } satisfies EmitReply);

function emit(files: Map<string, string>, checkedRuntime: Map<string, string>): Map<string, string> {
  if (runtimeDeclarations) return emitAgainstRuntimeDeclarations(files, runtimeDeclarations, cache, sendJavaScript);
  const emitted = emitPackage(files, cache, checkedRuntime);
  for (const [file, text] of emitted) if (file.endsWith('.js')) sendJavaScript(file, text);
  return emitted;
}

function failureReply(error: unknown): EmitReply {
  return error instanceof GenerateError ? { problems: error.problems } : { failure: (error as Error)?.stack ?? String(error) };
}

parentPort!.once('message', async (files: Map<string, string>) => {
  let emitted: Map<string, string>;
  try {
    emitted = emit(files, await ready);
  } catch (error) {
    parentPort!.postMessage(failureReply(error));
    return;
  }
  parentPort!.postMessage({ checked: true } satisfies EmitReply);
  try {
    const { formatFiles } = await formatter;
    parentPort!.postMessage({ declarations: await formatFiles(new Map([...emitted].filter(([file]) => file.endsWith('.d.ts')))) } satisfies EmitReply);
  } catch (error) {
    parentPort!.postMessage(failureReply(error));
  }
});
