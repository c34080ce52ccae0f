export { upload, download } from './object.js';
export { downloadArtifact, downloadManagedArtifact } from './artifacts.js';
