// The emit stage's thread. While the main thread renders, it loads TypeScript and parses what
// the check needs: with a prebuilt runtime, only the runtime's declarations; without one, the
// declarations of @types/node and undici, checking the runtime itself; then it warms prettier.
// Sent the package, it type-checks and emits it, answers with the JavaScript, and formats the
// declarations while the main thread formats the JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { checkRuntime, emitAgainstRuntimeDeclarations, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply = { files: Map<string, string> } | { problems: GenerateError['problems'] } | { failure: string };
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

function emit(files: Map<string, string>, checkedRuntime: Map<string, string>): Map<string, string> {
  return runtimeDeclarations ? emitAgainstRuntimeDeclarations(files, runtimeDeclarations, cache) : emitPackage(files, cache, checkedRuntime);
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
  const isDeclaration = (file: string) => file.endsWith('.d.ts');
  parentPort!.postMessage({ files: new Map([...emitted].filter(([file]) => !isDeclaration(file))) } satisfies EmitReply);
  try {
    const { formatFiles } = await formatter;
    parentPort!.postMessage({ files: await formatFiles(new Map([...emitted].filter(([file]) => isDeclaration(file)))) } satisfies EmitReply);
  } catch (error) {
    parentPort!.postMessage(failureReply(error));
  }
});
