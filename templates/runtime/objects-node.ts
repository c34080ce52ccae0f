// Node: the object and artifact helpers, which stream with node:stream and node:zlib over undici.
// Selected by the `node` condition of `#runtime/objects`. Each loads object.ts / artifacts.ts (and
// with them transfer.ts, node:stream, node:zlib) at its first call, not when the runtime's index is
// imported: a program that never transfers an object does not pay for their import (issue 23).
import type * as ArtifactHelpers from './artifacts.js';
import type * as ObjectHelpers from './object.js';

let objectHelpers: Promise<typeof ObjectHelpers> | undefined;
let artifactHelpers: Promise<typeof ArtifactHelpers> | undefined;
const loadObjectHelpers = (): Promise<typeof ObjectHelpers> => (objectHelpers ??= import('./object.js'));
const loadArtifactHelpers = (): Promise<typeof ArtifactHelpers> => (artifactHelpers ??= import('./artifacts.js'));

/** object.ts's upload, loaded at the first call. */
export const upload: typeof ObjectHelpers.upload = async (options) => (await loadObjectHelpers()).upload(options);
/** object.ts's download, loaded at the first call. */
export const download: typeof ObjectHelpers.download = async (options) => (await loadObjectHelpers()).download(options);
/** artifacts.ts's downloadArtifact, loaded at the first call. */
export const downloadArtifact: typeof ArtifactHelpers.downloadArtifact = async (options) => (await loadArtifactHelpers()).downloadArtifact(options);
/** artifacts.ts's downloadManagedArtifact, loaded at the first call. */
export const downloadManagedArtifact: typeof ArtifactHelpers.downloadManagedArtifact = async (options) =>
  (await loadArtifactHelpers()).downloadManagedArtifact(options);
