import type * as NodeHelpers from './objects-node.js';
/** Node only: rejects with a TypeError here. */
export declare const upload: typeof NodeHelpers.upload;
/** Node only: rejects with a TypeError here. */
export declare const download: typeof NodeHelpers.download;
/** Node only: rejects with a TypeError here. */
export declare const downloadArtifact: typeof NodeHelpers.downloadArtifact;
/** Node only: rejects with a TypeError here. */
export declare const downloadManagedArtifact: typeof NodeHelpers.downloadManagedArtifact;
