// The real Taskcluster deployment of ../shared/taskcluster-services (start.sh): where its
// connection JSON is, whether it answers, and a pass-through proxy in front of it that records
// every request, so that the suite compares what both clients send, and counts retries.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../corpus/helpers.ts';

/** What start.sh prints (and keeps in `$TCREAL_BASE/state/connection.json`); the fields the suite uses. */
export interface Deployment {
  rootUrl: string;
  clientId: string;
  accessToken: string;
  noScopesClient: { clientId: string; accessToken: string };
  tag: string;
  /** Plain AMQP (`url`) for tests; AMQPS on localhost:5671 with the CA in `caFile`, as the services use. */
  pulse: { url: string; username: string; password: string; vhost: string; caFile: string };
}

export const LAUNCHER = path.resolve(ROOT, '..', 'shared', 'taskcluster-services', 'start.sh');

/**
 * `TCGEN_DEPLOYMENT` (explicit: a missing or silent deployment fails the suite), else the
 * launcher's own state file (`$TCREAL_BASE/state/connection.json`, default base `/tmp/tcreal`; absent or silent: skip).
 */
export function deploymentFile(): { file: string; explicit: boolean } {
  const explicit = process.env['TCGEN_DEPLOYMENT'];
  if (explicit) return { file: path.resolve(explicit), explicit: true };
  const base = process.env['TCREAL_BASE'] ?? '/tmp/tcreal'; // start.sh's default
  return { file: path.join(base, 'state', 'connection.json'), explicit: false };
}

const HOW = `start it with ${LAUNCHER} (as root the first time; it prints the JSON and keeps it in $TCREAL_BASE/state/connection.json), or point TCGEN_DEPLOYMENT at that JSON`;

/**
 * The deployment, or why the suite skips. Throws when TCGEN_DEPLOYMENT names a file that is
 * missing or a deployment that does not answer: CI asked for the suite, a skip would hide that.
 */
export async function findDeployment(): Promise<{ deployment?: Deployment; skip: string | false }> {
  const { file, explicit } = deploymentFile();
  const fail = (reason: string) => {
    if (explicit) throw new Error(`TCGEN_DEPLOYMENT=${file}: ${reason}`);
    return { skip: `real Taskcluster deployment: ${reason}: skipped; ${HOW}` };
  };
  if (!existsSync(file)) return fail(`no connection JSON at ${file}`);
  let deployment: Deployment;
  try {
    deployment = JSON.parse(readFileSync(file, 'utf8')) as Deployment;
  } catch (error) {
    return fail(`${file} is not JSON (${(error as Error).message})`);
  }
  for (const service of ['auth', 'queue', 'index', 'secrets', 'purge-cache']) {
    const url = `${deployment.rootUrl}/api/${service}/v1/ping`;
    const status = await fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, (e: Error) => e.message);
    if (status !== 200) return fail(`${url} answers ${status} (stopped? stop.sh keeps the JSON)`);
  }
  return { deployment, skip: false };
}

/** One request as it passed the proxy. */
export interface Passed {
  method: string;
  path: string;
  query: string;
  body: string;
  headers: IncomingHttpHeaders;
  status: number;
  responseHeaders: IncomingHttpHeaders;
}

export interface RecordingProxy {
  /** Use as the clients' rootUrl: requests reach the deployment unchanged, Host included (Hawk covers it). */
  rootUrl: string;
  passed: Passed[];
  close(): Promise<void>;
}

/** A loopback proxy on a free port in front of `target` (the deployment's root URL). */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const passed: Passed[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, 'http://x');
      const record: Passed = { method: req.method!, path: url.pathname, query: url.search, body: body.toString('utf8'), headers: req.headers, status: 0, responseHeaders: {} };
      passed.push(record);
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        record.status = answer.statusCode!;
        record.responseHeaders = answer.headers;
        res.writeHead(answer.statusCode!, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      });
      forward.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'BadGateway', message: error.message }));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}`,
    passed,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Polls `condition` every 50 ms until it holds; rejects naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
