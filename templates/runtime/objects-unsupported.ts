// Browsers and other runtimes: the object and artifact helpers need Node (node:stream, node:zlib,
// undici), so here each rejects, saying so. Selected by the `browser` and `default` conditions of
// `#runtime/objects`, so a browser bundle holds none of their code. Typed as the Node ones.
import type * as NodeHelpers from './objects-node.js';

function nodeOnly(name: string): Promise<never> {
  return Promise.reject(
    new TypeError(
      `${name} needs Node.js (it streams with node:stream over undici); in a browser, call the API methods it uses ` +
        '(object: createUpload/startDownload/finishUpload, queue: artifact/latestArtifact) and transfer the data with fetch',
    ),
  );
}

/** Node only: rejects with a TypeError here. */
export const upload: typeof NodeHelpers.upload = () => nodeOnly('upload');
/** Node only: rejects with a TypeError here. */
export const download: typeof NodeHelpers.download = () => nodeOnly('download');
/** Node only: rejects with a TypeError here. */
export const downloadArtifact: typeof NodeHelpers.downloadArtifact = () => nodeOnly('downloadArtifact');
/** Node only: rejects with a TypeError here. */
export const downloadManagedArtifact: typeof NodeHelpers.downloadManagedArtifact = () => nodeOnly('downloadManagedArtifact');
