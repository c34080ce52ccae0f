// downloadArtifact and downloadManagedArtifact, as the official client's (104.0.0): the queue's
// artifact (or latestArtifact) says where the data is; s3 and reference artifacts are a plain GET
// of the URL (no credentials sent), object artifacts go through the object service with the
// credentials the queue gave, error artifacts fail with their reason. downloadManagedArtifact
// refuses reference artifacts, whose URL the task chose, before reading their URL.
import type { Writable } from 'node:stream';
import { Client, callEntry, optionsOf } from './client.js';
import { download, fetchInto, retryOf, type ObjectClient, type TransferRetryOptions } from './object.js';
import { ArtifactError, ArtifactStorageTypeError } from './object-common.js';
import { withRetries } from './transfer.js';
import type { CallOptions, ClientOptions, Credentials, ServiceDefinition } from './types.js';

export { ArtifactError, ArtifactStorageTypeError };

/** The queue methods downloadArtifact calls: any generated `Queue` client (v44, v87) fits. */
export interface ArtifactQueue extends Client {
  artifact(taskId: string, runId: string | number, name: string, options?: CallOptions): Promise<unknown>;
  latestArtifact(taskId: string, name: string, options?: CallOptions): Promise<unknown>;
}

/** The queue's answer (artifact-content-response.json), one per storage type. */
export type ArtifactContent =
  | { storageType: 's3' | 'reference'; url: string }
  | { storageType: 'object'; name: string; credentials: Credentials }
  | { storageType: 'error'; reason: string; message: string };

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


// The object service's routes used here (Taskcluster's object/v1 API, unchanged since it appeared).
const OBJECT_SERVICE: ServiceDefinition = {
  serviceName: 'object',
  apiVersion: 'v1',
  entries: {
    createUpload: { name: 'createUpload', method: 'PUT', route: '/upload/<name>', args: ['name'], query: [], input: true, output: true },
    finishUpload: { name: 'finishUpload', method: 'POST', route: '/finish-upload/<name>', args: ['name'], query: [], input: true, output: false },
    startDownload: { name: 'startDownload', method: 'PUT', route: '/start-download/<name>', args: ['name'], query: [], input: true, output: true },
  },
};

/** An object-service client with just what download needs, for artifacts stored there. */
class ObjectServiceClient extends Client implements ObjectClient {
  constructor(options: ClientOptions) {
    super(OBJECT_SERVICE, options);
  }
  createUpload(..._args: unknown[]): Promise<unknown> {
    return callEntry(this, OBJECT_SERVICE.entries.createUpload!, arguments);
  }
  finishUpload(..._args: unknown[]): Promise<unknown> {
    return callEntry(this, OBJECT_SERVICE.entries.finishUpload!, arguments);
  }
  startDownload(..._args: unknown[]): Promise<unknown> {
    return callEntry(this, OBJECT_SERVICE.entries.startDownload!, arguments);
  }
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
export function downloadArtifact(options: DownloadArtifactOptions): Promise<string> {
  return downloadArtifactOf(options, false);
}

/**
 * As {@link downloadArtifact}, but refuses `reference` artifacts before reading their URL (the
 * official client's `downloadManagedArtifact`, 104.0.0): only data the deployment stores (`s3`,
 * `object`, hash-verified) is fetched, so a task cannot point the caller at an arbitrary URL
 * (an internal address only the caller can reach, say). The one to use for untrusted tasks.
 * @throws ArtifactStorageTypeError (code `ArtifactStorageTypeRejected`, `storageType`
 *   `reference`), and whatever downloadArtifact throws.
 */
export function downloadManagedArtifact(options: DownloadArtifactOptions): Promise<string> {
  return downloadArtifactOf(options, true);
}

async function downloadArtifactOf(options: DownloadArtifactOptions, managedOnly: boolean): Promise<string> {
  const { taskId, runId, name, queue, streamFactory, signal } = options;
  const retry = retryOf(options);
  const callOptions = signal ? { signal } : undefined;
  const artifact = (await (runId === undefined ? queue.latestArtifact(taskId, name, callOptions) : queue.artifact(taskId, runId, name, callOptions))) as ArtifactContent;
  const queueOptions = optionsOf(queue);
  switch (artifact?.storageType) {
    case 's3':
    case 'reference': {
      if (managedOnly && artifact.storageType === 'reference') throw new ArtifactStorageTypeError('reference', taskId, name);
      const { url } = artifact;
      return withRetries(retry, signal, () => fetchInto(queue, url, streamFactory, undefined, true, signal));
    }
    case 'object': {
      const object = new ObjectServiceClient({ ...queueOptions, credentials: artifact.credentials, authorizedScopes: undefined });
      return download({ ...retry, signal, name: artifact.name, object, streamFactory });
    }
    case 'error':
      throw new ArtifactError(artifact.message, artifact.reason, taskId, name);
    default:
      throw new Error(`downloadArtifact: unsupported artifact storageType ${JSON.stringify((artifact as { storageType?: unknown })?.storageType)} for ${JSON.stringify(name)} of task ${taskId}`);
  }
}
