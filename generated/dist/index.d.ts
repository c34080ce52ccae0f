export * from './runtime/index.js';
export { PurgeCache } from './services/purge-cache.js';
export type * as purgeCache from './services/purge-cache.js';
