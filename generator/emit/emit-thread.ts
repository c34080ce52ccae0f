import { Worker } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import type { EmitReply, EmitWorkerData } from './emit-worker.ts';

export interface EmitThread {
  /** Type-checks and emits `files` on the worker (see emitPackage); throws GenerateError when they do not check. */
  emit(files: Map<string, string>): Promise<Map<string, string>>;
  /** Stops the worker, whether or not it was used. */
  close(): Promise<void>;
}

/**
 * Starts the emit stage on a second thread at once, so that loading TypeScript and parsing
 * declarations overlap with modelling and rendering. With the prebuilt runtime's declarations
 * it checks the package against them; without, it compiles the runtime too.
 */
export function startEmitThread(runtimeDeclarations: Map<string, string> | undefined): EmitThread {
  // Run from the TypeScript sources (tsx), the worker needs tsx registered first; compiled (lib/), it runs as is.
  const entry = import.meta.url.endsWith('.ts') ? './emit-worker-tsx.js' : './emit-worker.js';
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: { runtimeDeclarations: runtimeDeclarations ?? null } satisfies EmitWorkerData });
  const reply = new Promise<EmitReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the emit worker stopped (exit code ${code}) before it answered`)));
  });
  // A failure before emit is requested must not surface as an unhandled rejection.
  reply.catch(() => {});
  return {
    async emit(files) {
      worker.postMessage(files);
      const answer = await reply;
      if ('emitted' in answer) return answer.emitted;
      if ('problems' in answer) throw new GenerateError(answer.problems);
      throw new Error(`the emit worker failed: ${answer.failure}`);
    },
    async close() {
      await worker.terminate();
    },
  };
}
