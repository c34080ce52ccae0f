import type { ServiceDefinition } from './types.js';
/** `tcgen-client/<package version> node/<Node.js version>`; the platform part only where it is known. */
export declare function userAgent(service: ServiceDefinition): string;
