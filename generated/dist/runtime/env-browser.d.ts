import type { NodeVersion, ProcessEnv } from './platform.js';
export declare const processEnv: ProcessEnv;
/** Not Node; the User-Agent says only the package (and a browser does not send it anyway). */
export declare const nodeVersion: NodeVersion;
