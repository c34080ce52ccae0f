// The emit stage's thread: it loads TypeScript and parses the declarations every package
// needs while the main thread renders, then type-checks and emits what it is sent.
import { parentPort } from 'node:worker_threads';
import { GenerateError } from '../errors.ts';
import { emitPackage, warmDeclarations, type DeclarationCache } from './emit.ts';

export type EmitReply = { emitted: Map<string, string> } | { problems: GenerateError['problems'] } | { failure: string };

const cache: DeclarationCache = new Map();
warmDeclarations(cache);

parentPort!.once('message', (files: Map<string, string>) => {
  let reply: EmitReply;
  try {
    reply = { emitted: emitPackage(files, cache) };
  } catch (error) {
    reply = error instanceof GenerateError ? { problems: error.problems } : { failure: (error as Error)?.stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
