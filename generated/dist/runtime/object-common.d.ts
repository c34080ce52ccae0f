/** Bodies below this many bytes are proposed inline (`dataInline`), as the official client does. */
export declare const DATA_INLINE_MAX_SIZE = 8192;
/** An artifact of storage type `error`: the task said the artifact could not be made. */
export declare class ArtifactError extends Error {
  /** The queue's `reason`, e.g. `file-missing-on-worker`. */
  readonly reason: string;
  readonly taskId: string;
  readonly artifactName: string;
  readonly code = 'ArtifactError';
  constructor(
    message: string,
    /** The queue's `reason`, e.g. `file-missing-on-worker`. */
    reason: string,
    taskId: string,
    artifactName: string,
  );
}
/**
 * An artifact refused for its storage type (code `ArtifactStorageTypeRejected`, as the official
 * client 104.0.0's downloadManagedArtifact): a `reference` artifact's URL is whatever the task
 * wrote, so following it would let the task send the caller to any address it can reach.
 */
export declare class ArtifactStorageTypeError extends Error {
  /** The refused storage type, e.g. `reference`. */
  readonly storageType: string;
  readonly taskId: string;
  readonly artifactName: string;
  readonly code = 'ArtifactStorageTypeRejected';
  constructor(
    /** The refused storage type, e.g. `reference`. */
    storageType: string,
    taskId: string,
    artifactName: string,
  );
}
