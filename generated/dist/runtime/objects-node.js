let objectHelpers;
let artifactHelpers;
const loadObjectHelpers = () => (objectHelpers ??= import('./object.js'));
const loadArtifactHelpers = () => (artifactHelpers ??= import('./artifacts.js'));
/** object.ts's upload, loaded at the first call. */
export const upload = async (options) => (await loadObjectHelpers()).upload(options);
/** object.ts's download, loaded at the first call. */
export const download = async (options) => (await loadObjectHelpers()).download(options);
/** artifacts.ts's downloadArtifact, loaded at the first call. */
export const downloadArtifact = async (options) => (await loadArtifactHelpers()).downloadArtifact(options);
/** artifacts.ts's downloadManagedArtifact, loaded at the first call. */
export const downloadManagedArtifact = async (options) =>
  (await loadArtifactHelpers()).downloadManagedArtifact(options);
