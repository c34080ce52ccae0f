import { Worker } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import type { EmitReply, EmitWorkerData } from './emit-worker.ts';

export interface EmitResult {
  /** The emitted JavaScript (dist/**.js), not yet formatted: the main thread formats it. */
  javascript: Promise<Map<string, string>>;
  /** The emitted declarations (dist/**.d.ts), formatted on the worker meanwhile. */
  formattedDeclarations: Promise<Map<string, string>>;
}

export interface EmitThread {
  /** Type-checks and emits `files` on the worker (see emit.ts); both results reject with GenerateError when they do not check. */
  emit(files: Map<string, string>): EmitResult;
  /** Stops the worker, whether or not it was used. */
  close(): Promise<void>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // as below: a failure nobody awaits yet is not unhandled
  return { promise, resolve, reject };
}

function unwrap(reply: EmitReply): Map<string, string> {
  if ('files' in reply) return reply.files;
  if ('problems' in reply) throw new GenerateError(reply.problems);
  throw new Error(`the emit worker failed: ${reply.failure}`);
}

/**
 * Starts the emit stage on a second thread at once, so that loading TypeScript and parsing
 * declarations overlap with modelling and rendering. With the prebuilt runtime's declarations
 * it checks the package against them; without, it compiles the runtime too. It answers twice:
 * the JavaScript as soon as it is emitted, then the declarations it formats meanwhile.
 */
export function startEmitThread(runtimeDeclarations: Map<string, string> | undefined): EmitThread {
  // Run from the TypeScript sources (tsx), the worker needs tsx registered first; compiled (lib/), it runs as is.
  const entry = import.meta.url.endsWith('.ts') ? './emit-worker-tsx.js' : './emit-worker.js';
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: { runtimeDeclarations: runtimeDeclarations ?? null } satisfies EmitWorkerData });
  const answers = [deferred<EmitReply>(), deferred<EmitReply>()] as const;
  let received = 0;
  worker.on('message', (reply: EmitReply) => {
    // A failure is the only answer: it stands for both.
    if (received === 0 && !('files' in reply)) answers[1].resolve(reply);
    answers[Math.min(received++, 1)]!.resolve(reply);
  });
  const fail = (error: unknown) => answers.forEach((answer) => answer.reject(error));
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`the emit worker stopped (exit code ${code}) before it answered`)));
  return {
    emit(files) {
      worker.postMessage(files);
      const javascript = answers[0].promise.then(unwrap);
      const formattedDeclarations = answers[1].promise.then(unwrap);
      // A run that fails before it awaits one of them must not leave an unhandled rejection behind.
      for (const result of [javascript, formattedDeclarations]) result.catch(() => {});
      return { javascript, formattedDeclarations };
    },
    async close() {
      await worker.terminate();
    },
  };
}
