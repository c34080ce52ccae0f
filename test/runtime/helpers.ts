// Shared test fixtures: a hand-made purge-cache-like service (mirroring v87's api.json and
// docs/contract.md), a loopback server that records requests and verifies every Hawk
// signature with the `hawk` package's server side, and temporary-credential checks
// written independently of the runtime.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Client, callEntry, type CallOptions, type ClientOptions, type ServiceDefinition } from '../../templates/runtime/index.ts';

interface HawkCredentials { id: string; key: string; algorithm: 'sha256'; scopes?: string[] }
type CredentialsFunc = (id: string) => Promise<HawkCredentials | undefined>;
interface HawkModule {
  server: { authenticate(req: IncomingMessage, f: CredentialsFunc, o?: object): Promise<{ credentials: HawkCredentials; artifacts: Record<string, string> }> };
  uri: {
    authenticate(req: IncomingMessage, f: CredentialsFunc, o?: object): Promise<{ credentials: HawkCredentials; attributes: Record<string, string> }>;
  };
  client: { header(uri: string, method: string, o: object): { header: string } };
  utils: { parseAuthorizationHeader(header: string): Record<string, string> };
}
export const hawk = createRequire(import.meta.url)('hawk') as HawkModule;

/** Permanent test clients the server knows. */
export const USERS: Record<string, string> = {
  tester: 'tester-access-token-SECRET-0123456789abcdef',
  issuer: 'issuer-access-token-SECRET-fedcba9876543210',
};
export const CREDS = { clientId: 'tester', accessToken: USERS.tester! };

export const PURGE_CACHE = {
  serviceName: 'purge-cache',
  apiVersion: 'v1',
  entries: {
    ping: { name: 'ping', method: 'GET', route: '/ping', args: [], query: [], input: false, output: false },
    lbheartbeat: { name: 'lbheartbeat', method: 'GET', route: '/__lbheartbeat__', args: [], query: [], input: false, output: false },
    version: { name: 'version', method: 'GET', route: '/__version__', args: [], query: [], input: false, output: false },
    purgeCache: {
      name: 'purgeCache', method: 'POST', route: '/purge-cache/<workerPoolId>', args: ['workerPoolId'], query: [],
      input: true, output: false, scopes: 'purge-cache:<workerPoolId>:<cacheName>',
    },
    allPurgeRequests: {
      name: 'allPurgeRequests', method: 'GET', route: '/purge-cache/list', args: [], query: ['continuationToken', 'limit'],
      input: false, output: true, scopes: 'purge-cache:all-purge-requests',
    },
    purgeRequests: {
      name: 'purgeRequests', method: 'GET', route: '/purge-cache/<workerPoolId>', args: ['workerPoolId'], query: ['since'],
      input: false, output: true, scopes: 'purge-cache:purge-requests::<workerPoolId>',
    },
    heartbeat: { name: 'heartbeat', method: 'GET', route: '/__heartbeat__', args: [], query: [], input: false, output: false },
  },
} as const satisfies ServiceDefinition;

const E = PURGE_CACHE.entries;
/** What the generator emits for this service (docs/contract.md), written by hand. */
export class PurgeCache extends Client {
  constructor(options: ClientOptions) { super(PURGE_CACHE, options); }
  static fromEnv(overrides?: Partial<ClientOptions>): PurgeCache { return new PurgeCache(Client.fromEnvVars(overrides)); }
  ping(options?: CallOptions<'GET'>): Promise<unknown> { return callEntry(this, E.ping, arguments); }
  lbheartbeat(options?: CallOptions<'GET'>): Promise<unknown> { return callEntry(this, E.lbheartbeat, arguments); }
  version(options?: CallOptions<'GET'>): Promise<unknown> { return callEntry(this, E.version, arguments); }
  purgeCache(workerPoolId: string | number, payload: { cacheName: string }, options?: CallOptions<'POST'>): Promise<unknown> {
    return callEntry(this, E.purgeCache, arguments);
  }
  allPurgeRequests(query?: { continuationToken?: string; limit?: string }, options?: CallOptions<'GET'>): Promise<unknown> {
    return callEntry(this, E.allPurgeRequests, arguments);
  }
  purgeRequests(workerPoolId: string | number, query?: { since?: string }, options?: CallOptions<'GET'>): Promise<unknown> {
    return callEntry(this, E.purgeRequests, arguments);
  }
  heartbeat(options?: CallOptions<'GET'>): Promise<unknown> { return callEntry(this, E.heartbeat, arguments); }
}

/**
 * Independent of the runtime: the certificate signature as the auth service checks it (its
 * signature validator, and the Go/Python/Rust clients): the lines joined with '\n', no
 * trailing newline, so `scopes: []` ends in 'scopes:'. The official JS client signs that case
 * with 'scopes:\n', which this check refuses as the service does.
 */
export function expectedCertSignature(issuerKey: string, clientId: string, cert: Record<string, unknown>): string {
  const lines = ['version:' + String(cert.version)];
  if (cert.issuer) lines.push('clientId:' + clientId, 'issuer:' + String(cert.issuer));
  lines.push('seed:' + String(cert.seed), 'start:' + String(cert.start), 'expiry:' + String(cert.expiry), 'scopes:');
  for (const scope of cert.scopes as string[]) lines.push(scope);
  return createHmac('sha256', issuerKey).update(lines.join('\n'), 'utf8').digest('base64');
}

export function expectedTempKey(issuerKey: string, seed: string): string {
  return createHmac('sha256', issuerKey).update(seed).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeExt(ext: string | undefined): Record<string, unknown> | undefined {
  if (!ext) return undefined;
  return JSON.parse(Buffer.from(ext, 'base64').toString('utf8')) as Record<string, unknown>;
}

/** Resolve a client id to its key as the auth service would, checking any certificate. */
function keyFor(id: string, ext: Record<string, unknown> | undefined): HawkCredentials | undefined {
  const cert = ext?.certificate as Record<string, unknown> | undefined;
  if (!cert) return USERS[id] === undefined ? undefined : { id, key: USERS[id]!, algorithm: 'sha256' };
  if (typeof cert !== 'object') throw new Error('certificate in ext must be an object');
  const issuer = (cert.issuer as string | undefined) ?? id;
  const issuerKey = USERS[issuer];
  if (issuerKey === undefined) throw new Error('unknown issuer');
  if (cert.version !== 1) throw new Error('bad certificate version');
  if (expectedCertSignature(issuerKey, id, cert) !== cert.signature) throw new Error('bad certificate signature');
  if ((cert.expiry as number) - (cert.start as number) > 31 * 24 * 3600 * 1000) throw new Error('certificate too long');
  return { id, key: expectedTempKey(issuerKey, cert.seed as string), algorithm: 'sha256', scopes: cert.scopes as string[] };
}

export interface AuthResult { ok: boolean; id?: string; ext?: Record<string, unknown>; nonce?: string; ts?: string; error?: string }

async function authenticate(req: IncomingMessage): Promise<AuthResult | undefined> {
  const header = req.headers.authorization;
  const bewitMatch = /[?&]bewit=([^&]*)/.exec(req.url ?? '');
  if (!header && !bewitMatch) return undefined;
  try {
    if (header) {
      const ext = decodeExt(hawk.utils.parseAuthorizationHeader(header).ext);
      const r = await hawk.server.authenticate(req, async (id) => keyFor(id, ext));
      return { ok: true, id: r.credentials.id, ext, nonce: r.artifacts.nonce, ts: String(r.artifacts.ts) };
    }
    const raw = Buffer.from(bewitMatch![1]!, 'base64url').toString('utf8').split('\\');
    const ext = decodeExt(raw[3]);
    const r = await hawk.uri.authenticate(req, async (id) => keyFor(id, ext));
    return { ok: true, id: r.credentials.id, ext };
  } catch (err) {
    return { ok: false, error: String((err as Error).message) };
  }
}

export interface Recorded {
  method: string;
  url: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  auth: AuthResult | undefined;
}

export type Handler = (rec: Recorded, res: ServerResponse, n: number) => void;

export interface TestServer { rootUrl: string; requests: Recorded[]; close(): Promise<void> }

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A loopback server; every request is recorded and its Hawk signature verified first. */
export async function startServer(handler: Handler = (_rec, res) => json(res, 200, {})): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void authenticate(req).then((auth) => {
        const [path, query = ''] = (req.url ?? '').split(/\?(.*)/s);
        const rec: Recorded = { method: req.method!, url: req.url!, path: path!, query, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), auth };
        requests.push(rec);
        handler(rec, res, requests.length);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Client options for tests: fast retries. */
export function fast(rootUrl: string, extra: Partial<ClientOptions> = {}): ClientOptions {
  return { rootUrl, credentials: CREDS, delayFactor: 1, maxDelay: 20, ...extra };
}
