import type * as NodeHelpers from './objects-node.js';
export declare const upload: typeof NodeHelpers.upload;
export declare const download: typeof NodeHelpers.download;
export declare const downloadArtifact: typeof NodeHelpers.downloadArtifact;
export declare const downloadManagedArtifact: typeof NodeHelpers.downloadManagedArtifact;
