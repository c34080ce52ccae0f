import type * as ArtifactHelpers from './artifacts.js';
import type * as ObjectHelpers from './object.js';
/** object.ts's upload, loaded at the first call. */
export declare const upload: typeof ObjectHelpers.upload;
/** object.ts's download, loaded at the first call. */
export declare const download: typeof ObjectHelpers.download;
/** artifacts.ts's downloadArtifact, loaded at the first call. */
export declare const downloadArtifact: typeof ArtifactHelpers.downloadArtifact;
/** artifacts.ts's downloadManagedArtifact, loaded at the first call. */
export declare const downloadManagedArtifact: typeof ArtifactHelpers.downloadManagedArtifact;
