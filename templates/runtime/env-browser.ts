// Browsers have no environment variables. Selected by the `browser` condition of `#runtime/env`.
import type { NodeVersion, ProcessEnv } from './platform.js';

export const processEnv: ProcessEnv = () => {
  throw new TypeError(
    'fromEnv reads TASKCLUSTER_* environment variables, which a browser does not have: ' +
      'pass { rootUrl, credentials } to the constructor instead',
  );
};

/** Not Node; the User-Agent says only the package (and a browser does not send it anyway). */
export const nodeVersion: NodeVersion = () => undefined;
