import type { Writable } from 'node:stream';
import { Client } from './client.js';
import { type TransferRetryOptions } from './object.js';
import { ArtifactError } from './object-common.js';
import type { CallOptions, Credentials } from './types.js';
export { ArtifactError };
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
 * `reference` by a GET of the URL (redirects followed, retried on 5xx and network errors), `object`
 * by {@link download} with the artifact's credentials on the queue's root URL. Resolves to the
 * content type (default `application/binary`).
 * @throws ArtifactError for `error` artifacts (with the queue's `reason`); HashMismatchError or
 *   TaskclusterError as download; Error for a storage type this runtime does not know.
 */
export declare function downloadArtifact(options: DownloadArtifactOptions): Promise<string>;
