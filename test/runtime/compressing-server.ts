// A loopback API server that compresses as Taskcluster's services do since 100.3.0: the
// `compression` middleware with its defaults (taskcluster/taskcluster libraries/api/src/api.js,
// `router.use(compression())`; its test libraries/api/test/compression_test.js): a body of 1024
// bytes or more is gzipped (zlib's default level, streamed, so no Content-Length) when the request
// accepts gzip, with `Vary: Accept-Encoding`; smaller bodies, requests that do not accept gzip and
// answers that set their own Content-Encoding are sent as they are. Used by the compression tests
// and bench/compression.ts, which records the bytes each answer put on the wire.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

/** The middleware's default threshold (compression's `threshold: '1kb'`). */
export const THRESHOLD = 1024;

export interface Answer {
  status: number;
  body: string | Buffer;
  /** Default application/json; charset=utf-8. */
  contentType?: string;
  /** Set by the handler itself: then the body is sent as it is (already encoded), as the middleware leaves it. */
  contentEncoding?: string;
}

export interface CompressingServer {
  rootUrl: string;
  /** false: answer as a service before 100.3.0 (never compressed). Default true. */
  compress: boolean;
  /** Per request: its Accept-Encoding and the body bytes sent (after compression). */
  requests: Array<{ path: string; acceptEncoding: string | undefined; contentEncoding: string | undefined; wireBytes: number }>;
  close(): Promise<void>;
}

/** `gzip` is acceptable: listed with q > 0, or `*` (as negotiator reads Accept-Encoding). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if ((coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0)) return true;
  }
  return false;
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer, compress: boolean, record: (bytes: number, encoding: string | undefined) => void): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  res.setHeader('content-type', answer.contentType ?? 'application/json; charset=utf-8');
  res.setHeader('vary', 'Accept-Encoding');
  if (!compress || answer.contentEncoding !== undefined || body.length < THRESHOLD || !acceptsGzip(req.headers['accept-encoding'])) {
    if (answer.contentEncoding !== undefined) res.setHeader('content-encoding', answer.contentEncoding);
    res.setHeader('content-length', body.length);
    res.writeHead(answer.status);
    res.end(body);
    record(body.length, answer.contentEncoding);
    return;
  }
  res.setHeader('content-encoding', 'gzip');
  res.writeHead(answer.status);
  const gzip = createGzip();
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    res.write(chunk);
  });
  gzip.on('end', () => {
    res.end();
    record(bytes, 'gzip');
  });
  gzip.end(body);
}

/** Starts the server on a free loopback port; `handler` gives each request's answer. */
export async function startCompressingServer(handler: (req: IncomingMessage) => Answer): Promise<CompressingServer> {
  const requests: CompressingServer['requests'] = [];
  const state = { compress: true };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const entry = { path: req.url ?? '', acceptEncoding: req.headers['accept-encoding'], contentEncoding: undefined as string | undefined, wireBytes: 0 };
      requests.push(entry);
      send(req, res, handler(req), state.compress, (bytes, encoding) => Object.assign(entry, { wireBytes: bytes, contentEncoding: encoding }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    rootUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get compress() {
      return state.compress;
    },
    set compress(value: boolean) {
      state.compress = value;
    },
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
