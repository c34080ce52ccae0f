// The emit stage's thread. While the main thread renders, it loads TypeScript and parses what
// the check needs: with a prebuilt runtime, only the runtime's declarations; without one, the
// declarations of @types/node and undici, checking the runtime itself; then it warms prettier.
// Sent the package, it emits it, handing over each file as TypeScript writes it (the main thread
// formats the JavaScript meanwhile), type-checks it, says so, then formats declarations with the
// main thread (claims.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { formatClaimed } from './claims.ts';
import { checkRuntime, emitAgainstRuntimeDeclarations, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply =
  /** One emitted dist/** file (.js or .d.ts), unformatted: the check may still fail. */
  | { emitted: [file: string, text: string] }
  /** The package type-checks: every emitted file was sent before this. */
  | { checked: true }
  /** The declarations this thread claimed (see EmitWorkerData.claims), formatted. */
  | { declarations: Map<string, string> }
  | { problems: GenerateError['problems'] }
  | { failure: string };
export interface EmitWorkerData {
  /** The prebuilt runtime's declarations (`src/runtime/<name>.d.ts`), or null to compile the runtime here. */
  runtimeDeclarations: Map<string, string> | null;
  /**
   * One Int32 shared with the main thread: the index of the next declaration file to format, in
   * the order they were sent. Each thread claims one with Atomics.add and formats it if it exists.
   */
  claims: SharedArrayBuffer;
}

const { runtimeDeclarations, claims } = workerData as EmitWorkerData;
const nextClaim = new Int32Array(claims);
const cache: DeclarationCache = new Map();
const ready = runtimeDeclarations
  ? Promise.resolve(emitAgainstRuntimeDeclarations(new Map([['src/warm.ts', "export * from './runtime/index.js';\n"]]), runtimeDeclarations, cache)).then(() => new Map<string, string>())
  : runtimeFiles().then((runtime) => checkRuntime(runtime, cache));
ready.catch(() => {});
const formatter = ready
  .then(() => import('../format/format.ts'))
  .then(async (format) => (await format.warmFormatter('export declare function warm(up: string): Promise<void>;\n'), format));
formatter.catch(() => {});

const send = (file: string, text: string) => parentPort!.postMessage({ emitted: [file, text] } satisfies EmitReply);

function emit(files: Map<string, string>, checkedRuntime: Map<string, string>): Map<string, string> {
  if (runtimeDeclarations) return emitAgainstRuntimeDeclarations(files, runtimeDeclarations, cache, send);
  const emitted = emitPackage(files, cache, checkedRuntime);
  for (const [file, text] of emitted) send(file, text);
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
    const { formatFile } = await formatter;
    const declarations = [...emitted].filter(([file]) => file.endsWith('.d.ts'));
    parentPort!.postMessage({ declarations: await formatClaimed(nextClaim, declarations, formatFile) } satisfies EmitReply);
  } catch (error) {
    parentPort!.postMessage(failureReply(error));
  }
});
