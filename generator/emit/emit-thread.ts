import { Worker } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { formatClaimed } from './claims.ts';
import type { EmitReply, EmitWorkerData } from './emit-worker.ts';

export interface EmitResult {
  /** Resolves once the package type-checks, with every emitted dist/**.js file (unformatted); rejects with GenerateError when it does not. */
  checked: Promise<Map<string, string>>;
  /**
   * Formats the emitted declarations (dist/**.d.ts) on both threads, once the package checks:
   * this one formats those it claims with `format`, the worker the others (claims.ts). Resolves
   * with all of them; rejects as `checked` does, or with what `format` throws.
   */
  formatDeclarations(format: (file: string, text: string) => Promise<string>): Promise<Map<string, string>>;
}

export interface EmitThread {
  /**
   * Emits and type-checks `files` on the worker (see emit.ts). `onJavaScript` gets each emitted
   * dist/**.js file as soon as it is written, before the check ends: whoever formats them must
   * drop the results when `checked` rejects.
   */
  emit(files: Map<string, string>, onJavaScript?: (file: string, text: string) => void): EmitResult;
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
  const claims = new SharedArrayBuffer(4);
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: { runtimeDeclarations: runtimeDeclarations ?? null, claims } satisfies EmitWorkerData });
  const checked = deferred<Map<string, string>>();
  const workerDeclarations = deferred<Map<string, string>>();
  const javascript = new Map<string, string>();
  // In the order the worker emitted them: the indices both threads claim.
  const declarations: Array<[string, string]> = [];
  let onJavaScript: ((file: string, text: string) => void) | undefined;
  worker.on('message', (reply: EmitReply) => {
    if ('emitted' in reply) {
      const [file, text] = reply.emitted;
      if (file.endsWith('.d.ts')) declarations.push([file, text]);
      else if (file.endsWith('.js')) {
        javascript.set(file, text);
        onJavaScript?.(file, text);
      }
    } else if ('checked' in reply) checked.resolve(javascript);
    else if ('declarations' in reply) workerDeclarations.resolve(reply.declarations);
    else {
      // A failure before the check stands for both answers; after it, for the declarations.
      for (const answer of [checked, workerDeclarations]) answer.reject(replyError(reply));
    }
  });
  const fail = (error: unknown) => [checked, workerDeclarations].forEach((answer) => answer.reject(error));
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`the emit worker stopped (exit code ${code}) before it answered`)));
  const nextClaim = new Int32Array(claims);
  async function formatDeclarations(format: (file: string, text: string) => Promise<string>): Promise<Map<string, string>> {
    await checked.promise;
    const formatted = await formatClaimed(nextClaim, declarations, format);
    return new Map([...formatted, ...(await workerDeclarations.promise)]);
  }
  return {
    emit(files, listener) {
      onJavaScript = listener;
      worker.postMessage(files);
      return { checked: checked.promise, formatDeclarations };
    },
    async close() {
      await worker.terminate();
    },
  };
}
