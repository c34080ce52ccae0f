import { Worker } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import type { EmitReply, EmitWorkerData } from './emit-worker.ts';

export interface EmitResult {
  /**
   * Resolves once the package type-checks, with every emitted dist/** file (`.js` and `.d.ts`,
   * unformatted, by path); rejects with GenerateError when it does not.
   */
  checked: Promise<Map<string, string>>;
}

export interface EmitThread {
  /**
   * Emits and type-checks `files` on the worker (see emit.ts). `onEmitted` gets each emitted
   * dist/** file (`.js` or `.d.ts`) as soon as it is written, before the check ends: whoever
   * formats them must drop the results when `checked` rejects.
   */
  emit(files: Map<string, string>, onEmitted?: (file: string, text: string) => void): EmitResult;
  /** Stops the worker, whether or not it was used. */
  close(): Promise<void>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // a failure nobody awaits yet is not unhandled
  return { promise, resolve, reject };
}

function replyError(reply: { problems: GenerateError['problems'] } | { failure: string }): Error {
  return 'problems' in reply ? new GenerateError(reply.problems) : new Error(`the emit worker failed: ${reply.failure}`);
}

/**
 * Starts the emit stage on a second thread at once, so that loading TypeScript and parsing
 * declarations overlap with loading, modelling and rendering. With the prebuilt runtime's
 * declarations it checks the package against them; without, it compiles the runtime too.
 */
export function startEmitThread(runtimeDeclarations: Map<string, string> | undefined): EmitThread {
  // Run from the TypeScript sources (tsx), the worker needs tsx registered first; compiled (lib/), it runs as is.
  const entry = import.meta.url.endsWith('.ts') ? './emit-worker-tsx.js' : './emit-worker.js';
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: { runtimeDeclarations: runtimeDeclarations ?? null } satisfies EmitWorkerData });
  const checked = deferred<Map<string, string>>();
  const emitted = new Map<string, string>();
  let onEmitted: ((file: string, text: string) => void) | undefined;
  worker.on('message', (reply: EmitReply) => {
    if ('emitted' in reply) {
      const [file, text] = reply.emitted;
      emitted.set(file, text);
      onEmitted?.(file, text);
    } else if ('checked' in reply) checked.resolve(emitted);
    else checked.reject(replyError(reply));
  });
  const fail = (error: unknown) => checked.reject(error);
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`the emit worker stopped (exit code ${code}) before it answered`)));
  return {
    emit(files, listener) {
      onEmitted = listener;
      worker.postMessage(files);
      return { checked: checked.promise };
    },
    async close() {
      await worker.terminate();
    },
  };
}
