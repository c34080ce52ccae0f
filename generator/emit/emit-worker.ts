// The emit stage's thread. While the main thread renders, it loads TypeScript and parses what
// the check needs: with a prebuilt runtime, only the runtime's declarations; without one, the
// declarations of @types/node and undici, checking the runtime itself. Then it type-checks and
// emits the package it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { checkRuntime, emitAgainstRuntimeDeclarations, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply = { emitted: Map<string, string> } | { problems: GenerateError['problems'] } | { failure: string };
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

function emit(files: Map<string, string>, checkedRuntime: Map<string, string>): Map<string, string> {
  return runtimeDeclarations ? emitAgainstRuntimeDeclarations(files, runtimeDeclarations, cache) : emitPackage(files, cache, checkedRuntime);
}

parentPort!.once('message', async (files: Map<string, string>) => {
  let reply: EmitReply;
  try {
    reply = { emitted: emit(files, await ready) };
  } catch (error) {
    reply = error instanceof GenerateError ? { problems: error.problems } : { failure: (error as Error)?.stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
