// Object data transfer: upload (createUpload → PUT → finishUpload) and download (startDownload →
// GET, hashes verified) of one large object through the loopback fakes of the tests (object
// service and S3 stand-in, test/corpus/object-fakes.ts), ours and the official client's in the
// same run. Both clients run in this process; the servers too (loopback, in-memory).
import { Readable, Writable } from 'node:stream';
import { Client, callEntry, closeClient, download, upload, type ClientOptions, type ServiceDefinition } from '../templates/runtime/index.ts';
import { startFakes } from '../test/corpus/object-fakes.ts';
import { CREDS } from '../test/runtime/helpers.ts';
import { median, ratio, spread } from './stats.ts';

const OBJECT: ServiceDefinition = {
  serviceName: 'object',
  apiVersion: 'v1',
  entries: {
    createUpload: { name: 'createUpload', method: 'PUT', route: '/upload/<name>', args: ['name'], query: [], input: true, output: true },
    finishUpload: { name: 'finishUpload', method: 'POST', route: '/finish-upload/<name>', args: ['name'], query: [], input: true, output: false },
    startDownload: { name: 'startDownload', method: 'PUT', route: '/start-download/<name>', args: ['name'], query: [], input: true, output: true },
  },
};
/** The generated Object client's three methods, by hand (as test/runtime/helpers.ts does for purge-cache). */
class ObjectService extends Client {
  constructor(options: ClientOptions) {
    super(OBJECT, options);
  }
  createUpload(..._args: unknown[]): Promise<unknown> { return callEntry(this, OBJECT.entries.createUpload!, arguments); }
  finishUpload(..._args: unknown[]): Promise<unknown> { return callEntry(this, OBJECT.entries.finishUpload!, arguments); }
  startDownload(..._args: unknown[]): Promise<unknown> { return callEntry(this, OBJECT.entries.startDownload!, arguments); }
}

export interface TransferResult { mib: number; rounds: number; ms: Record<string, number[]> }

export async function benchTransfer(mib = 64, rounds = 5): Promise<TransferResult> {
  const fakes = await startFakes();
  const tc = (await import('taskcluster-client' as string)).default as Record<string, any>;
  const data = Buffer.alloc(mib * 1024 * 1024, 7);
  const chunks = Array.from({ length: mib * 16 }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536));
  const ours = new ObjectService({ rootUrl: fakes.api.rootUrl, credentials: CREDS });
  const theirs = new tc.Object({ rootUrl: fakes.api.rootUrl, credentials: CREDS });
  const helpers: Record<string, { object: unknown; upload: (o: object) => Promise<unknown>; download: (o: object) => Promise<unknown> }> = {
    ours: { object: ours, upload: upload as never, download: download as never },
    official: { object: theirs, upload: tc.upload, download: tc.download },
  };
  const ms: Record<string, number[]> = { 'upload ours': [], 'upload official': [], 'download ours': [], 'download official': [] };
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [who, h] of Object.entries(helpers)) {
        let start = performance.now();
        await h.upload({ projectId: 'bench', name: `bench-${who}`, contentType: 'application/octet-stream', contentLength: data.length, expires: new Date(Date.now() + 86_400_000), object: h.object, streamFactory: () => Readable.from(chunks) });
        ms[`upload ${who}`]!.push(performance.now() - start);
        start = performance.now();
        await h.download({ name: `bench-${who}`, object: h.object, streamFactory: sink });
        ms[`download ${who}`]!.push(performance.now() - start);
      }
    }
  } finally {
    await closeClient(ours);
    await fakes.close();
  }
  return { mib, rounds, ms };
}

export function transferTable(r: TransferResult): { markdown: string; headline: Record<string, number> } {
  const lines = [`${r.mib} MiB, ${r.rounds} rounds; median (min–max) ms and MiB/s`, '', '| transfer | ours ms | official ms | ours MiB/s | official MiB/s | ours / official speed |', '|---|---:|---:|---:|---:|---:|'];
  const headline: Record<string, number> = {};
  for (const kind of ['upload', 'download']) {
    const a = median(r.ms[`${kind} ours`]!);
    const b = median(r.ms[`${kind} official`]!);
    lines.push(`| ${kind} | ${spread(r.ms[`${kind} ours`]!)} | ${spread(r.ms[`${kind} official`]!)} | ${((r.mib * 1000) / a).toFixed(0)} | ${((r.mib * 1000) / b).toFixed(0)} | ${ratio(b, a)} |`);
    headline[`${kind}SpeedRatio`] = b / a;
  }
  return { markdown: lines.join('\n') + '\n', headline };
}
