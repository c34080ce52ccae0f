import type { NodeVersion, ProcessEnv } from './platform.js';
export declare const processEnv: ProcessEnv;
export declare const nodeVersion: NodeVersion;
