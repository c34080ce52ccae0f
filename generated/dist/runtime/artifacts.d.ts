import type { Writable } from 'node:stream';
import { Client } from './client.js';
import { type TransferRetryOptions } from './object.js';
import { ArtifactError, ArtifactStorageTypeError } from './object-common.js';
import type { CallOptions, Credentials } from './types.js';
export { ArtifactError, ArtifactStorageTypeError };
/** The queue methods downloadArtifact calls: any generated `Queue` client (v44, v87) fits. */
export interface ArtifactQueue extends Client {
  artifact(taskId: string, runId: string | number, name: string, options?: CallOptions): Promise<unknown>;
  latestArtifact(taskId: string, name: string, options?: CallOptions): Promise<unknown>;
}
/** The queue's answer (artifact-content-response.json), one per storage type. */
export type ArtifactContent =
  | {
      storageType: 's3' | 'reference';
      url: string;
    }
  | {
      storageType: 'object';
      name: string;
      credentials: Credentials;
    }
  | {
      storageType: 'error';
      reason: string;
      message: string;
    };
export interface DownloadArtifactOptions extends TransferRetryOptions {
  taskId: string;
  /** Default: the latest run (queue.latestArtifact). */
  runId?: string | number | undefined;
  /** The artifact's name, e.g. `public/build/target.tar.gz`. */
  name: string;
  queue: ArtifactQueue;
  /** Called for each attempt: a fresh destination each time. */
  streamFactory: () => Writable | Promise<Writable>;
}
/**
 * Downloads an artifact into `streamFactory()`'s stream, whatever its storage type: `s3` and
 * `reference` by a GET of the URL (redirects followed, retried on 5xx and network errors, no
 * credentials sent), `object` by {@link download} with the artifact's credentials on the queue's
 * root URL. Resolves to the content type (default `application/binary`).
 *
 * A `reference` artifact's URL is whatever the task wrote: for artifacts of tasks you do not
 * trust, use {@link downloadManagedArtifact}, which refuses them.
 * @throws ArtifactError for `error` artifacts (with the queue's `reason`); HashMismatchError or
 *   TaskclusterError as download; Error for a storage type this runtime does not know.
 */
export declare function downloadArtifact(options: DownloadArtifactOptions): Promise<string>;
/**
 * As {@link downloadArtifact}, but refuses `reference` artifacts before reading their URL (the
 * official client's `downloadManagedArtifact`, 104.0.0): only data the deployment stores (`s3`,
 * `object`, hash-verified) is fetched, so a task cannot point the caller at an arbitrary URL
 * (an internal address only the caller can reach, say). The one to use for untrusted tasks.
 * @throws ArtifactStorageTypeError (code `ArtifactStorageTypeRejected`, `storageType`
 *   `reference`), and whatever downloadArtifact throws.
 */
export declare function downloadManagedArtifact(options: DownloadArtifactOptions): Promise<string>;
