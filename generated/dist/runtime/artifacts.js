import { Client, callEntry, optionsOf } from './client.js';
import { download, fetchInto, retryOf } from './object.js';
import { ArtifactError, ArtifactStorageTypeError } from './object-common.js';
import { withRetries } from './transfer.js';
export { ArtifactError, ArtifactStorageTypeError };
// The object service's routes used here (Taskcluster's object/v1 API, unchanged since it appeared).
const OBJECT_SERVICE = {
  serviceName: 'object',
  apiVersion: 'v1',
  entries: {
    createUpload: {
      name: 'createUpload',
      method: 'PUT',
      route: '/upload/<name>',
      args: ['name'],
      query: [],
      input: true,
      output: true,
    },
    finishUpload: {
      name: 'finishUpload',
      method: 'POST',
      route: '/finish-upload/<name>',
      args: ['name'],
      query: [],
      input: true,
      output: false,
    },
    startDownload: {
      name: 'startDownload',
      method: 'PUT',
      route: '/start-download/<name>',
      args: ['name'],
      query: [],
      input: true,
      output: true,
    },
  },
};
/** An object-service client with just what download needs, for artifacts stored there. */
class ObjectServiceClient extends Client {
  constructor(options) {
    super(OBJECT_SERVICE, options);
  }
  createUpload(..._args) {
    return callEntry(this, OBJECT_SERVICE.entries.createUpload, arguments);
  }
  finishUpload(..._args) {
    return callEntry(this, OBJECT_SERVICE.entries.finishUpload, arguments);
  }
  startDownload(..._args) {
    return callEntry(this, OBJECT_SERVICE.entries.startDownload, arguments);
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
export function downloadArtifact(options) {
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
export function downloadManagedArtifact(options) {
  return downloadArtifactOf(options, true);
}
async function downloadArtifactOf(options, managedOnly) {
  const { taskId, runId, name, queue, streamFactory, signal } = options;
  const retry = retryOf(options);
  const callOptions = signal ? { signal } : undefined;
  const artifact = await (runId === undefined
    ? queue.latestArtifact(taskId, name, callOptions)
    : queue.artifact(taskId, runId, name, callOptions));
  const queueOptions = optionsOf(queue);
  switch (artifact?.storageType) {
    case 's3':
    case 'reference': {
      if (managedOnly && artifact.storageType === 'reference')
        throw new ArtifactStorageTypeError('reference', taskId, name);
      const { url } = artifact;
      return withRetries(retry, signal, () => fetchInto(queue, url, streamFactory, undefined, true, signal));
    }
    case 'object': {
      const object = new ObjectServiceClient({
        ...queueOptions,
        credentials: artifact.credentials,
        authorizedScopes: undefined,
      });
      return download({ ...retry, signal, name: artifact.name, object, streamFactory });
    }
    case 'error':
      throw new ArtifactError(artifact.message, artifact.reason, taskId, name);
    default:
      throw new Error(
        `downloadArtifact: unsupported artifact storageType ${JSON.stringify(artifact?.storageType)} for ${JSON.stringify(name)} of task ${taskId}`,
      );
  }
}
