// upload, download, downloadArtifact and downloadManagedArtifact as this platform has them (`#runtime/objects`: the Node
// ones, or stand-ins that reject elsewhere), declared with the Node ones' types so that no
// declaration file names a `#runtime/…` specifier (moduleResolution node10 ignores `imports`).
import {
  download as platformDownload,
  downloadArtifact as platformDownloadArtifact,
  downloadManagedArtifact as platformDownloadManagedArtifact,
  upload as platformUpload,
} from '#runtime/objects';
import type * as NodeHelpers from './objects-node.js';

export const upload: typeof NodeHelpers.upload = platformUpload;
export const download: typeof NodeHelpers.download = platformDownload;
export const downloadArtifact: typeof NodeHelpers.downloadArtifact = platformDownloadArtifact;
export const downloadManagedArtifact: typeof NodeHelpers.downloadManagedArtifact = platformDownloadManagedArtifact;
