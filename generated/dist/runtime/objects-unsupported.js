function nodeOnly(name) {
  return Promise.reject(
    new TypeError(
      `${name} needs Node.js (it streams with node:stream over undici); in a browser, call the API methods it uses ` +
        '(object: createUpload/startDownload/finishUpload, queue: artifact/latestArtifact) and transfer the data with fetch',
    ),
  );
}
/** Node only: rejects with a TypeError here. */
export const upload = () => nodeOnly('upload');
/** Node only: rejects with a TypeError here. */
export const download = () => nodeOnly('download');
/** Node only: rejects with a TypeError here. */
export const downloadArtifact = () => nodeOnly('downloadArtifact');
/** Node only: rejects with a TypeError here. */
export const downloadManagedArtifact = () => nodeOnly('downloadManagedArtifact');
