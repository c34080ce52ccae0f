// The emit stage's thread. While the main thread renders, it loads TypeScript and parses what
// the check needs: with a prebuilt runtime, only the runtime's declarations; without one, the
// declarations of @types/node and undici, checking the runtime itself. Sent the package, it
// emits it, handing over each file as TypeScript writes it (the main thread formats them
// meanwhile), then type-checks it and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { checkRuntime, emitAgainstRuntimeDeclarations, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply =
  /** One emitted dist/** file (.js or .d.ts), unformatted: the check may still fail. */
  | { emitted: [file: string, text: string] }
  /** The package type-checks: every emitted file was sent before this. */
  | { checked: true }
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

const send = (file: string, text: string) => parentPort!.postMessage({ emitted: [file, text] } satisfies EmitReply);

function emit(files: Map<string, string>, checkedRuntime: Map<string, string>): void {
  if (runtimeDeclarations) emitAgainstRuntimeDeclarations(files, runtimeDeclarations, cache, send);
  else for (const [file, text] of emitPackage(files, cache, checkedRuntime)) send(file, text);
}

function failureReply(error: unknown): EmitReply {
  return error instanceof GenerateError ? { problems: error.problems } : { failure: (error as Error)?.stack ?? String(error) };
}

parentPort!.once('message', async (files: Map<string, string>) => {
  try {
    emit(files, await ready);
  } catch (error) {
    parentPort!.postMessage(failureReply(error));
    return;
  }
  parentPort!.postMessage({ checked: true } satisfies EmitReply);
});
