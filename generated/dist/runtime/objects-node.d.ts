export { upload, download } from './object.js';
export { downloadArtifact } from './artifacts.js';
