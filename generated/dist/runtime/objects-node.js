// Node: the object and artifact helpers, which stream with node:stream and node:zlib over undici.
// Selected by the `node` condition of `#runtime/objects`.
export { upload, download } from './object.js';
export { downloadArtifact, downloadManagedArtifact } from './artifacts.js';
