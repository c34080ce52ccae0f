// The emit stage's thread: while the main thread renders, it loads TypeScript, parses the
// declarations every package needs and type-checks the runtime; then it type-checks and
// emits the package it is sent.
import { parentPort } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { checkRuntime, emitPackage, type DeclarationCache } from './emit.ts';

export type EmitReply = { emitted: Map<string, string> } | { problems: GenerateError['problems'] } | { failure: string };

function replyOf(error: unknown): EmitReply {
  return error instanceof GenerateError ? { problems: error.problems } : { failure: (error as Error)?.stack ?? String(error) };
}

const cache: DeclarationCache = new Map();
const checkedRuntime = runtimeFiles().then((runtime) => checkRuntime(runtime, cache));
checkedRuntime.catch(() => {});

parentPort!.once('message', async (files: Map<string, string>) => {
  let reply: EmitReply;
  try {
    reply = { emitted: emitPackage(files, cache, await checkedRuntime) };
  } catch (error) {
    reply = replyOf(error);
  }
  parentPort!.postMessage(reply);
});
