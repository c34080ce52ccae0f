// A worker does not inherit a loader registered through tsx's API (as bin/tcgen.js does):
// register it here, then load the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./emit-worker.ts');
