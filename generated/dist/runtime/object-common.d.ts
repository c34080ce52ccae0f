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
