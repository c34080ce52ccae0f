// What the object and artifact helpers (object.ts, artifacts.ts: Node only) share with every
// platform: the package root exports these values in browsers too, where the helpers themselves
// are objects-unsupported.ts's (see `#runtime/objects`).

/** Bodies below this many bytes are proposed inline (`dataInline`), as the official client does. */
export const DATA_INLINE_MAX_SIZE = 8192;

/** An artifact of storage type `error`: the task said the artifact could not be made. */
export class ArtifactError extends Error {
  readonly code = 'ArtifactError';
  constructor(
    message: string,
    /** The queue's `reason`, e.g. `file-missing-on-worker`. */
    readonly reason: string,
    readonly taskId: string,
    readonly artifactName: string,
  ) {
    super(message);
    this.name = 'ArtifactError';
  }
}

/**
 * An artifact refused for its storage type (code `ArtifactStorageTypeRejected`, as the official
 * client 104.0.0's downloadManagedArtifact): a `reference` artifact's URL is whatever the task
 * wrote, so following it would let the task send the caller to any address it can reach.
 */
export class ArtifactStorageTypeError extends Error {
  readonly code = 'ArtifactStorageTypeRejected';
  constructor(
    /** The refused storage type, e.g. `reference`. */
    readonly storageType: string,
    readonly taskId: string,
    readonly artifactName: string,
  ) {
    super(
      `Refusing to download artifact ${JSON.stringify(artifactName)} of task ${taskId}: its storage type is ${JSON.stringify(storageType)}, ` +
        'whose URL the task supplied; use downloadArtifact if fetching a task-supplied URL is intended',
    );
    this.name = 'ArtifactStorageTypeError';
  }
}
