// upload, download, downloadArtifact and downloadManagedArtifact as this platform has them (`#runtime/objects`: the Node
// ones, or stand-ins that reject elsewhere), declared with the Node ones' types so that no
// declaration file names a `#runtime/…` specifier (moduleResolution node10 ignores `imports`).
import {
  download as platformDownload,
  downloadArtifact as platformDownloadArtifact,
  downloadManagedArtifact as platformDownloadManagedArtifact,
  upload as platformUpload,
} from '#runtime/objects';
export const upload = platformUpload;
export const download = platformDownload;
export const downloadArtifact = platformDownloadArtifact;
export const downloadManagedArtifact = platformDownloadManagedArtifact;
