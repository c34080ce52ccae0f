// Node and other server runtimes: the process environment. Selected by the `default` condition of `#runtime/env`.
import type { NodeVersion, ProcessEnv } from './platform.js';

export const processEnv: ProcessEnv = () => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env === undefined) throw new TypeError('fromEnv: this runtime has no process.env; pass { rootUrl, credentials } to the constructor');
  return env;
};

export const nodeVersion: NodeVersion = () => (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
