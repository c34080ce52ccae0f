// What the object-helper test files share: the loopback fakes (object-fakes.ts) and the package
// generated from v87.1.3, set up once per file and reset before each test, and the stream
// factories the helpers take.
import { Readable, Writable } from 'node:stream';
import { after, before, beforeEach } from 'node:test';
import { USERS } from '../runtime/helpers.ts';
import { generateInto, importDist, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';
import { startFakes, type Fakes } from './object-fakes.ts';

const VERSION = 'v87.1.3';
/** Why the tests skip (no ../shared snapshot), or false. */
export const skip = skipUnlessSnapshot(VERSION);

export const FAST = { retries: 3, delayFactor: 1, maxDelay: 20 };
export const EXPIRES = new Date('2031-01-01T00:00:00.000Z');

/**
 * Registers the file's hooks: the fakes started and the package generated and imported before
 * its tests (handed to `ready`, with the package's directory), the fakes' settings and records reset before each test, all
 * closed after.
 */
export function useObjectKit(ready: (fakes: Fakes, pkg: Record<string, any>, out: string) => void): void {
  let fakes: Fakes;
  let generated: Generated | undefined;
  before(async () => {
    fakes = await startFakes();
    let pkg: Record<string, any> = {};
    if (!skip) {
      generated = await generateInto({ references: snapshotDir(VERSION) });
      pkg = await importDist(generated.out);
    }
    ready(fakes, pkg, generated?.out ?? '');
  });
  after(async () => {
    await fakes.close();
    await generated?.cleanup();
  });
  beforeEach(() => {
    Object.assign(fakes.config, { uploadMethod: 'putUrl', downloadMethod: 'getUrl', wrongHash: false, expiredUrls: false, gzip: false, failPuts: 0, failGets: 0, putHeaders: {} });
    fakes.api.requests.length = 0;
    fakes.s3.requests.length = 0;
  });
}

/** A streamFactory over `data` that counts the streams it made. */
export function source(data: Buffer): { factory: () => Readable; made: number } {
  const counter = { made: 0, factory: () => (counter.made++, Readable.from([data.subarray(0, 1000), data.subarray(1000)])) };
  return counter;
}

/** A streamFactory of in-memory sinks; `last()` is the data of the latest one, `events` what each saw. */
export function sink(): { factory: () => Writable; made: number; last(): Buffer; events: string[] } {
  const sinks: Buffer[][] = [];
  const result = {
    made: 0,
    events: [] as string[],
    factory: () => {
      result.made++;
      const chunks: Buffer[] = [];
      sinks.push(chunks);
      const n = result.made;
      const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (chunks.push(chunk), cb()) });
      stream.on('finish', () => result.events.push(`${n}:finish`));
      stream.on('error', (e) => result.events.push(`${n}:error:${e.name}`));
      return stream;
    },
    last: () => Buffer.concat(sinks.at(-1) ?? []),
  };
  return result;
}

/** Artifacts of `taskId` of every storage type, all holding `data` (the object one with temporary credentials). */
export function artifactsFor(fakes: Fakes, pkg: Record<string, any>, taskId: string, data: Buffer): void {
  fakes.bucket.set('s3-key', { data, contentType: 'application/x-s3' });
  fakes.objects.set('obj/artifact', { data, contentType: 'application/x-object' });
  const credentials = pkg.createTemporaryCredentials({
    credentials: { clientId: 'issuer', accessToken: USERS.issuer }, clientId: 'artifact-downloader',
    start: new Date(Date.now() - 60_000), expiry: new Date(Date.now() + 3_600_000), scopes: ['object:download:obj/artifact'],
  });
  fakes.artifacts.set(`${taskId}/latest/public/s3.bin`, { storageType: 's3', url: `${fakes.s3.url}/bucket/s3-key` });
  fakes.artifacts.set(`${taskId}/2/public/s3.bin`, { storageType: 's3', url: `${fakes.s3.url}/bucket/s3-key` });
  fakes.artifacts.set(`${taskId}/latest/public/ref.bin`, { storageType: 'reference', url: `${fakes.s3.url}/redirect/s3-key` });
  fakes.artifacts.set(`${taskId}/latest/public/object.bin`, { storageType: 'object', name: 'obj/artifact', credentials });
  fakes.artifacts.set(`${taskId}/latest/public/error.bin`, { storageType: 'error', reason: 'file-missing-on-worker', message: 'the file was not there' });
}
