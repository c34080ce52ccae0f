// Artifacts on the real queue: reference, error and s3 artifacts made with the run's credentials;
// getArtifact/getLatestArtifact answered 303, error artifacts 424, a signed URL fetched without
// credentials, downloadArtifact. s3 data cannot be served (the launcher runs no S3): its
// artifacts are created and located, never downloaded.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { CONTENT, type Clients, type Context, type Side } from './compare.ts';
import { expiresIn, withoutSecrets } from './tasks.ts';

const REFERENCE = 'public/reference.txt';
const PRIVATE = 'tcgen/private.txt';
const ERROR = 'public/error.txt';
const S3 = 'public/s3.txt';
/**
 * Encoded in the path (space, +, %, ?, #; !()*~ left as they are), signed, decoded by the service as
 * it was (printable ASCII only: the queue's pattern). No `'`: auth.ts shows why the official client fails on it.
 */
export const TRICKY = 'public/dir with space/a+b%20c?d#e!()*~.txt';
const main = (s: Side) => s.id('task');

/** The artifacts of the main task's run 0, made by both clients with the worker's credentials. */
export async function createArtifacts(c: Context, worker: (s: Side) => Clients): Promise<void> {
  // the queue refuses an artifact that outlives its task (task.expires: a day)
  const expires = expiresIn(12 * 3_600_000);
  const reference = (s: Side) => ({ storageType: 'reference', url: `${c.content.url}/content/${main(s)}`, contentType: 'text/plain', expires });
  for (const name of [REFERENCE, PRIVATE, TRICKY]) {
    assert.deepEqual(await c.cmp.resolved(`queue.createArtifact (reference ${name})`, (s) => worker(s).queue.createArtifact(main(s), 0, name, reference(s))), { storageType: 'reference' });
  }
  const error = { storageType: 'error', reason: 'file-missing-on-worker', message: 'the worker found no such file', expires };
  assert.deepEqual(await c.cmp.resolved('queue.createArtifact (error)', (s) => worker(s).queue.createArtifact(main(s), 0, ERROR, error)), { storageType: 'error' });
  const s3 = (await c.cmp.resolved('queue.createArtifact (s3)', (s) => worker(s).queue.createArtifact(main(s), 0, S3, { storageType: 's3', contentType: 'text/plain', expires }), withoutSecrets)) as any;
  assert.equal(s3.storageType, 's3');
  assert.match(s3.putUrl, /X-Amz-Signature=/);
}

/** Collects what a download writes. */
function sink(into: Buffer[]): () => Writable {
  return () => {
    into.length = 0;
    return new Writable({ write: (chunk: Buffer, _encoding, done) => (into.push(chunk), done()) });
  };
}

export function artifactTests(context: () => Context, skip: string | false): void {
  test('getArtifact and getLatestArtifact: 303 to the artifact, resolved with its location', { skip }, async (t) => {
    const c = context();
    const { ours } = await c.cmp.same('queue.getArtifact (reference)', (s) => s.queue.getArtifact(main(s), 0, REFERENCE));
    assert.equal(ours.requests[0]!.status, 303);
    assert.deepEqual(c.cmp.normalize('ours', ours.value), { storageType: 'reference', url: `${c.content.url}/content/<task>` });
    const latest = await c.cmp.same('queue.getLatestArtifact (reference)', (s) => s.queue.getLatestArtifact(main(s), REFERENCE));
    assert.equal(latest.ours.requests[0]!.status, 303);
    assert.deepEqual(latest.ours.value, ours.value);
    const s3 = await c.cmp.same('queue.getArtifact (s3)', (s) => s.queue.getArtifact(main(s), 0, S3));
    assert.equal(s3.ours.requests[0]!.status, 303);
    assert.equal((s3.ours.value as any).storageType, 's3');
    // Say whether anything serves it (the launcher runs no S3: connection refused).
    const served = await fetch((s3.ours.value as any).url, { signal: AbortSignal.timeout(5000) }).then((r) => `answers ${r.status}`, (e: any) => `does not answer (${e.cause?.code ?? e.message})`);
    t.diagnostic(`s3 artifacts: created and located only; ${new URL((s3.ours.value as any).url).origin} ${served}`);
    // the artifact-content form answers 200 with the same
    await c.cmp.same('queue.artifact (reference)', (s) => s.queue.artifact(main(s), 0, REFERENCE));
    await c.cmp.same('queue.latestArtifact (error)', (s) => s.queue.latestArtifact(main(s), ERROR));
    const listed = await c.cmp.resolved('queue.listArtifacts', (s) => s.queue.listArtifacts(main(s), 0));
    assert.deepEqual((listed as any).artifacts.map((a: any) => [a.name, a.storageType]).sort(), [[ERROR, 'error'], [REFERENCE, 'reference'], [S3, 's3'], [PRIVATE, 'reference'], [TRICKY, 'reference']].sort());
    const tricky = await c.cmp.same('queue.getArtifact (a name to encode)', (s) => s.queue.getArtifact(main(s), 0, TRICKY));
    assert.equal(tricky.ours.requests[0]!.path, `/api/queue/v1/task/${main(c.cmp.sides.ours)}/runs/0/artifacts/public%2Fdir%20with%20space%2Fa%2Bb%2520c%3Fd%23e!()*~.txt`);
    assert.equal(tricky.ours.requests[0]!.status, 303);
  });

  test('an error artifact: 424, its message as the error\'s', { skip }, async () => {
    const c = context();
    const { ours } = await c.cmp.same('queue.getArtifact (error)', (s) => s.queue.getArtifact(main(s), 0, ERROR));
    assert.equal(ours.error?.statusCode, 424);
    assert.equal(ours.error?.message, 'the worker found no such file');
    // The queue's 424 body is { reason, message }: no `code`, so both clients say UnknownError.
    assert.equal(ours.error?.code, 'UnknownError');
    assert.deepEqual(ours.error?.body, { reason: 'file-missing-on-worker', message: 'the worker found no such file' });
  });

  test('a signed URL for a private artifact, fetched without credentials', { skip }, async () => {
    const c = context();
    const fetchSigned = async (s: Side) => {
      const url: string = s.queue.buildSignedUrl(s.queue.getArtifact, main(s), 0, PRIVATE, { expiration: 600 });
      const unsigned = await fetch(url.replace(/\?bewit=.*$/, ''), { redirect: 'manual' });
      const signed = await fetch(url, { redirect: 'manual' });
      const followed = await fetch(url);
      return { url, unsigned: unsigned.status, signed: signed.status, location: signed.headers.get('location'), followed: followed.status, text: await followed.text() };
    };
    const theirs = await c.cmp.settle('theirs', fetchSigned);
    const ours = await c.cmp.settle('ours', fetchSigned);
    const same = (name: 'ours' | 'theirs', outcome: any) => c.cmp.normalize(name, { ...outcome.resolved, url: outcome.resolved.url.replace(/bewit=.*$/, 'bewit=<bewit>') });
    assert.deepEqual(same('ours', ours.outcome), same('theirs', theirs.outcome));
    assert.deepEqual({ ...(ours.value as any), url: undefined }, {
      url: undefined, unsigned: 403, signed: 303, location: `${c.content.url}/content/${main(c.cmp.sides.ours)}`, followed: 200, text: CONTENT,
    });
    // the signed request carried no Authorization header
    assert.equal(ours.requests.at(-1)!.headers['authorization'], undefined);
  });

  test('downloadArtifact: a reference artifact\'s data; an error artifact\'s reason', { skip }, async () => {
    const c = context();
    const download = async (s: Side, name: string) => {
      const data: Buffer[] = [];
      const fn = s.name === 'ours' ? c.ours['downloadArtifact'] : c.theirs['downloadArtifact'];
      const contentType = await fn({ taskId: main(s), name, queue: s.queue, streamFactory: sink(data), retries: 0 });
      return { contentType, data: Buffer.concat(data).toString('utf8') };
    };
    const theirs = await c.cmp.settle('theirs', (s) => download(s, REFERENCE));
    const ours = await c.cmp.settle('ours', (s) => download(s, REFERENCE));
    assert.deepEqual(ours.outcome, theirs.outcome);
    assert.deepEqual(ours.value, { contentType: 'text/plain; charset=utf-8', data: CONTENT });
    const failed = await c.cmp.settle('ours', (s) => download(s, ERROR));
    assert.equal(failed.error?.name, 'ArtifactError');
    assert.equal(failed.error?.reason, 'file-missing-on-worker');
    const failedToo = await c.cmp.settle('theirs', (s) => download(s, ERROR));
    assert.equal(failedToo.error?.message, failed.error?.message);
  });
}
