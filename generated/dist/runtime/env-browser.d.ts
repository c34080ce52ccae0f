import type { ProcessEnv } from './platform.js';
export declare const processEnv: ProcessEnv;
