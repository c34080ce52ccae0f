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
