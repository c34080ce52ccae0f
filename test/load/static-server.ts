import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/** Returns true when it has answered the request itself; false lets the static files answer. */
export type Override = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface StaticServer {
  /** "http://127.0.0.1:<port>", no trailing slash. */
  url: string;
  /** Requests seen per URL path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 as a deployment serves its references: JSON files at their URL paths. */
export async function startStaticServer(root: string, override?: Override): Promise<StaticServer> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://loopback').pathname;
    hits.set(urlPath, (hits.get(urlPath) ?? 0) + 1);
    if (override?.(request, response)) return;
    readFile(path.join(root, ...urlPath.split('/').filter((s) => s !== '' && s !== '..'))).then(
      (bytes) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(bytes);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // hung requests would otherwise keep close() waiting
      }),
  };
}
