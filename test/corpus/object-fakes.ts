// Local stand-ins for the object service, the queue's artifact-content endpoints and the auth
// service's client/currentScopes (one Hawk-verifying API server, from test/runtime/helpers.ts),
// plus a loopback server standing in for S3 (PUT/GET of object data, redirects, injected 500s,
// gzip). Everything a test needs to check is recorded.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { USERS, json, startServer, type Recorded, type TestServer } from '../runtime/helpers.ts';

export const hashesOf = (data: Buffer) => ({
  sha256: createHash('sha256').update(data).digest('hex'),
  sha512: createHash('sha512').update(data).digest('hex'),
});

export interface S3Request { method: string; path: string; query: string; headers: IncomingHttpHeaders; body: Buffer }
export interface StoredObject { data: Buffer; contentType: string; finished?: { sha256?: string; sha512?: string } }

export interface Fakes {
  api: TestServer;
  s3: { url: string; requests: S3Request[]; close(): Promise<void> };
  /** Object service data by name (set by uploads, or directly by a test). */
  objects: Map<string, StoredObject>;
  /** S3 data by key. */
  bucket: Map<string, { data: Buffer; contentType: string }>;
  /** Queue artifacts by `<taskId>/<runId>/<name>`; runId `latest` for latestArtifact. */
  artifacts: Map<string, unknown>;
  config: {
    uploadMethod: 'dataInline' | 'putUrl' | 'none';
    /** What startDownload offers: `simple` only (406 NoMatchingMethod unless accepted), or `simple` whatever was accepted (a misbehaving service). */
    downloadMethod: 'getUrl' | 'simple' | 'simple-always';
    /** A wrong sha256 (true) or sha512 in startDownload answers. */
    wrongHash: boolean | 'sha512';
    /** getUrl answers that have already expired. */
    expiredUrls: boolean;
    /** Serve S3 GETs gzip-encoded. */
    gzip: boolean;
    /** The next N S3 PUTs / GETs answer 500 (after reading the body). */
    failPuts: number;
    failGets: number;
    /** Added to putUrl's headers (a service that lists credentials there). */
    putHeaders: Record<string, string>;
  };
  /** auth.client answers by clientId. */
  clients: Map<string, { expires: string; disabled: boolean }>;
  /** auth.currentScopes for permanent clients; `role:anonymous`: what the anonymous role expands to (default nothing). */
  scopes: Map<string, string[]>;
  close(): Promise<void>;
}

/**
 * Two scope sets as one, as taskcluster-lib-scopes' mergeScopeSets leaves them: without duplicates
 * and without scopes that a `*` scope of the set already satisfies, sorted ('*' before any other
 * character, so `a*` comes before `a:b`).
 */
export function mergeScopeSets(a: readonly string[], b: readonly string[]): string[] {
  const all = [...new Set([...a, ...b])];
  const kept = all.filter((scope) => !all.some((star) => star !== scope && star.endsWith('*') && scope.startsWith(star.slice(0, -1))));
  const key = (scope: string) => scope.replace(/\*$/, '\u0000');
  return kept.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** The API method a fake path belongs to, as requestInfo names it. */
function methodOf(path: string): string {
  const known: Array<[RegExp, string]> = [
    [/^\/api\/object\/v1\/upload\//, 'createUpload'],
    [/^\/api\/object\/v1\/finish-upload\//, 'finishUpload'],
    [/^\/api\/object\/v1\/start-download\//, 'startDownload'],
    [/^\/api\/queue\/v1\/task\/[^/]+\/runs\//, 'artifact'],
    [/^\/api\/queue\/v1\/task\//, 'latestArtifact'],
    [/^\/api\/auth\/v1\/clients\//, 'client'],
    [/^\/api\/auth\/v1\/scopes\/current/, 'currentScopes'],
  ];
  return known.find(([pattern]) => pattern.test(path))?.[1] ?? 'unknown';
}

/**
 * An error answer as taskcluster-lib-api sends it (seen by test/deployment): the message followed
 * by its `---` trailer, and `requestInfo`.
 */
function serviceError(res: Parameters<typeof json>[0], status: number, code: string, message: string, path: string): void {
  const method = methodOf(path);
  const time = new Date().toJSON();
  json(res, status, {
    code,
    message: `${message}\n\n---\n\n* method:     ${method}\n* errorCode:  ${code}\n* statusCode: ${status}\n* time:       ${time}`,
    requestInfo: { method, params: {}, payload: {}, time },
  });
}

const segment = (path: string, prefix: string) => decodeURIComponent(path.slice(prefix.length));

export async function startFakes(): Promise<Fakes> {
  const config: Fakes['config'] = { uploadMethod: 'putUrl', downloadMethod: 'getUrl', wrongHash: false, expiredUrls: false, gzip: false, failPuts: 0, failGets: 0, putHeaders: {} };
  const objects = new Map<string, StoredObject>();
  const bucket = new Map<string, { data: Buffer; contentType: string }>();
  const artifacts = new Map<string, unknown>();
  const clients = new Map<string, { expires: string; disabled: boolean }>();
  const scopes = new Map<string, string[]>();
  const s3Requests: S3Request[] = [];

  const s3Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path = '', query = ''] = (req.url ?? '').split(/\?(.*)/s);
      const body = Buffer.concat(chunks);
      s3Requests.push({ method: req.method!, path, query, headers: req.headers, body });
      if (path.startsWith('/redirect/')) {
        res.writeHead(303, { location: `/bucket/${path.slice('/redirect/'.length)}` });
        return res.end();
      }
      const key = segment(path, '/bucket/');
      if (req.method === 'PUT') {
        if (config.failPuts > 0) {
          config.failPuts--;
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('injected failure');
        }
        if (req.headers['content-length'] !== String(body.length)) {
          res.writeHead(411);
          return res.end('S3 needs a Content-Length equal to the body');
        }
        bucket.set(key, { data: body, contentType: String(req.headers['content-type']) });
        res.writeHead(200);
        return res.end();
      }
      if (config.failGets > 0) {
        config.failGets--;
        res.writeHead(500);
        return res.end('injected failure');
      }
      const item = bucket.get(key);
      if (!item) {
        res.writeHead(404);
        return res.end('NoSuchKey');
      }
      const data = config.gzip ? gzipSync(item.data) : item.data;
      res.writeHead(200, { 'content-type': item.contentType, 'content-length': data.length, ...(config.gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(data);
    });
  });
  await new Promise<void>((resolve) => s3Server.listen(0, '127.0.0.1', resolve));
  const s3Url = `http://127.0.0.1:${(s3Server.address() as AddressInfo).port}`;

  const inFuture = () => new Date(Date.now() + 3_600_000).toJSON();
  const handler = (rec: Recorded, res: Parameters<NonNullable<Parameters<typeof startServer>[0]>>[1]) => {
    const body = rec.body ? (JSON.parse(rec.body) as Record<string, any>) : {};
    const { path } = rec;
    if (rec.auth && !rec.auth.ok) return serviceError(res, 401, 'AuthenticationFailed', `Unauthorized: ${rec.auth.error}`, path);
    if (path.startsWith('/api/object/v1/upload/') && rec.method === 'PUT') {
      const name = segment(path, '/api/object/v1/upload/');
      const proposed = body.proposedUploadMethods ?? {};
      const base = { projectId: body.projectId, uploadId: body.uploadId, expires: body.expires };
      if (config.uploadMethod === 'dataInline' && proposed.dataInline) {
        objects.set(name, { data: Buffer.from(proposed.dataInline.objectData, 'base64'), contentType: proposed.dataInline.contentType });
        return json(res, 200, { ...base, uploadMethod: { dataInline: true } });
      }
      if (proposed.putUrl && config.uploadMethod !== 'none') {
        const { contentType, contentLength } = proposed.putUrl;
        objects.set(name, { data: Buffer.alloc(0), contentType });
        return json(res, 200, {
          ...base,
          uploadMethod: {
            putUrl: { url: `${s3Url}/bucket/${encodeURIComponent(name)}?X-Amz-Signature=SIGNED`, expires: inFuture(), headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength), ...config.putHeaders } },
          },
        });
      }
      return json(res, 200, { ...base, uploadMethod: {} });
    }
    if (path.startsWith('/api/object/v1/finish-upload/')) {
      const name = segment(path, '/api/object/v1/finish-upload/');
      const object = objects.get(name);
      if (!object) return serviceError(res, 404, 'ResourceNotFound', 'no such upload', path);
      if (bucket.has(name)) object.data = bucket.get(name)!.data;
      const actual = hashesOf(object.data);
      if (body.hashes?.sha256 !== actual.sha256 || body.hashes?.sha512 !== actual.sha512) return serviceError(res, 409, 'RequestConflict', 'hashes differ from the data', path);
      object.finished = body.hashes;
      res.writeHead(200);
      return res.end();
    }
    if (path.startsWith('/api/object/v1/start-download/')) {
      const name = segment(path, '/api/object/v1/start-download/');
      const object = objects.get(name);
      if (!object) return serviceError(res, 404, 'ResourceNotFound', 'no such object', path);
      const accepted = body.acceptDownloadMethods ?? {};
      bucket.set(name, { data: object.data, contentType: object.contentType });
      if ((config.downloadMethod === 'simple' && accepted.simple) || config.downloadMethod === 'simple-always') return json(res, 200, { method: 'simple', url: `${s3Url}/redirect/${encodeURIComponent(name)}` });
      // The object service's answer when no accepted method is available (services/object/src/api.js).
      if (config.downloadMethod === 'simple') return serviceError(res, 406, 'NoMatchingMethod', 'Object supports methods simple', path);
      if (!accepted.getUrl) return serviceError(res, 400, 'InputError', 'no acceptable download method', path);
      const hashes = hashesOf(object.data);
      if (config.wrongHash === 'sha512') hashes.sha512 = createHash('sha512').update('something else').digest('hex');
      else if (config.wrongHash) hashes.sha256 = createHash('sha256').update('something else').digest('hex');
      const expires = config.expiredUrls ? new Date(Date.now() - 1000).toJSON() : inFuture();
      return json(res, 200, { method: 'getUrl', url: `${s3Url}/bucket/${encodeURIComponent(name)}?X-Amz-Signature=SIGNED`, expires, hashes });
    }
    // A deployment URL that redirects to storage, keeping its query (a bewit, say): the first hop of a chain that crosses origins.
    if (path.startsWith('/home-redirect/')) {
      res.writeHead(302, { location: `${s3Url}/redirect/${path.slice('/home-redirect/'.length)}${rec.query ? `?${rec.query}` : ''}` });
      return res.end();
    }
    // queue.getLatestArtifact: 303 to where the data is, with the artifact-content JSON body.
    let m = /^\/api\/queue\/v1\/task\/([^/]+)\/artifacts\/(.+)$/.exec(path);
    if (m && rec.method === 'GET') {
      const url = `${s3Url}/bucket/${m[2]}`;
      return json(res, 303, { storageType: 's3', url }, { location: url });
    }
    m = /^\/api\/queue\/v1\/task\/([^/]+)\/(?:runs\/([^/]+)\/)?artifact-content\/(.+)$/.exec(path);
    if (m && rec.method === 'GET') {
      const artifact = artifacts.get(`${m[1]}/${m[2] ?? 'latest'}/${decodeURIComponent(m[3]!)}`);
      return artifact ? json(res, 200, artifact) : serviceError(res, 404, 'ResourceNotFound', 'Artifact not found', path);
    }
    m = /^\/api\/auth\/v1\/clients\/(.+)$/.exec(path);
    if (m) {
      const client = clients.get(decodeURIComponent(m[1]!));
      return client ? json(res, 200, { clientId: decodeURIComponent(m[1]!), ...client, description: '', created: '2020-01-01T00:00:00.000Z', lastModified: '2020-01-01T00:00:00.000Z', lastDateUsed: '2020-01-01T00:00:00.000Z', lastRotated: '2020-01-01T00:00:00.000Z', deleteOnExpiration: false, scopes: [], expandedScopes: [] }) : serviceError(res, 404, 'ResourceNotFound', 'no such client', path);
    }
    if (path === '/api/auth/v1/scopes/current') {
      // As the real auth service (signaturevalidator.js): every caller, signed or not, also has
      // `assume:anonymous`, expanded; the answer is a merged scope set.
      const cert = rec.auth?.ext?.certificate as { scopes?: string[] } | undefined;
      const own = rec.auth ? (cert?.scopes ?? scopes.get(rec.auth.id!) ?? []) : [];
      return json(res, 200, { scopes: mergeScopeSets(own, ['assume:anonymous', ...(scopes.get('role:anonymous') ?? [])]) });
    }
    return serviceError(res, 404, 'ResourceNotFound', `no route ${rec.method} ${path}`, path);
  };
  const api = await startServer(handler);
  void USERS;
  return {
    api,
    s3: {
      url: s3Url,
      requests: s3Requests,
      close: () => {
        s3Server.closeAllConnections();
        return new Promise((resolve) => s3Server.close(() => resolve()));
      },
    },
    objects,
    bucket,
    artifacts,
    config,
    clients,
    scopes,
    close: async () => {
      await api.close();
      s3Server.closeAllConnections();
      await new Promise<void>((resolve) => s3Server.close(() => resolve()));
    },
  };
}
