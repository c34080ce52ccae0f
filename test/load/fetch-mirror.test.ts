import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createDirSource } from '../../generator/load/dir-source.ts';
import { fetchMirror } from '../../generator/load/fetch-mirror.ts';
import { createHttpSource } from '../../generator/load/http-source.ts';
import { loadInput, type LoadedInput } from '../../generator/load/load.ts';
import { startStaticServer, type Override } from './static-server.ts';

const SNAPSHOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/taskcluster-references/v87.1.3',
);
const skip = existsSync(SNAPSHOT) ? false : `reference snapshot not found at ${SNAPSHOT}`;
const FAST = { retries: 1, retryDelayMs: 1, timeoutMs: 2_000 };

/**
 * The files a mirror must hold, found independently of the code under test:
 * the manifest, its references, their entries' schemas, and every "$ref"
 * (textually) reachable from those on this host.
 */
async function reachableFiles(root: string): Promise<string[]> {
  const read = async (p: string): Promise<any> => JSON.parse(await readFile(path.join(root, p), 'utf8'));
  const found = new Set(['/references/manifest.json']);
  const schemas: string[] = [];
  const addSchema = (ref: string, base: string): void => {
    const url = new URL(ref, 'http://h' + base);
    if (url.host === 'h' && !found.has(url.pathname)) (schemas.push(url.pathname), found.add(url.pathname));
  };
  for (const ref of (await read('/references/manifest.json')).references as string[]) {
    found.add(ref);
    const reference = await read(ref);
    for (const entry of reference.entries ?? []) {
      for (const name of [entry.input, entry.output, entry.schema]) {
        if (name) addSchema(name, `/schemas/${reference.serviceName}/`);
      }
    }
  }
  while (schemas.length > 0) {
    const file = schemas.pop()!;
    const text = await readFile(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/"\$ref":\s*"([^"]*)"/g)) addSchema(match[1]!, file);
  }
  return [...found].sort();
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(dir, `${prefix}/${e.name}`) : [`${prefix}/${e.name}`])),
  );
  return nested.flat().sort();
}

/** A scratch directory and a loopback server over the snapshot, both removed afterwards. */
async function withMirrorServer(
  override: Override | undefined,
  body: (server: { url: string; hits: Map<string, number> }, scratch: string) => Promise<void>,
): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-fetch-'));
  const server = await startStaticServer(SNAPSHOT, override);
  try {
    await body(server, scratch);
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

test('mirrors exactly the reachable files, byte for byte', { skip }, async () => {
  await withMirrorServer(undefined, async (server, scratch) => {
    const out = path.join(scratch, 'mirror');
    const { files } = await fetchMirror({ rootUrl: server.url + '/', out, http: FAST });
    const expected = await reachableFiles(SNAPSHOT);
    assert.deepEqual(files, expected);
    assert.deepEqual(await listFiles(out), expected);
    for (const file of expected) {
      const [got, want] = await Promise.all([readFile(path.join(out, file)), readFile(path.join(SNAPSHOT, file))]);
      assert.ok(got.equals(want), `${file} differs from the snapshot`);
    }
    assert.ok(files.includes('/schemas/queue/v1/task.json'));
    assert.ok(!files.includes('/schemas/docker-worker/v1/payload.json'), 'unreferenced schemas are not fetched');
    // Each file is fetched once, however many $refs point at it.
    assert.ok([...server.hits.values()].every((n) => n === 1));
    assert.deepEqual(await readdir(scratch), ['mirror'], 'no temporary directory is left beside the mirror');
  });
});

/** What the loader read, by root-relative path: the manifest, references and schemas. */
function loadedTexts(input: LoadedInput): Map<string, string> {
  const documents = [input.manifest, ...input.references, ...input.schemas.values()];
  return new Map(documents.map((d) => [d.path, d.text]));
}

test("the generator's loader reads the same documents from the mirror as over HTTP", { skip }, async () => {
  await withMirrorServer(undefined, async (server, scratch) => {
    const out = path.join(scratch, 'mirror');
    const { files } = await fetchMirror({ rootUrl: server.url, out, http: FAST });
    const http = createHttpSource(server.url, FAST);
    try {
      const overHttp = loadedTexts(await loadInput(http));
      const fromMirror = loadedTexts(await loadInput(createDirSource(out)));
      assert.deepEqual(fromMirror, overHttp);
      assert.deepEqual([...overHttp.keys()].sort(), files, 'the mirror holds what the loader reads, no more');
    } finally {
      await http.close();
    }
  });
});

test('replaces an earlier mirror, refuses any other non-empty directory', { skip }, async () => {
  await withMirrorServer(undefined, async (server, scratch) => {
    const out = path.join(scratch, 'mirror');
    await mkdir(path.join(out, 'references'), { recursive: true });
    await writeFile(path.join(out, 'references/manifest.json'), '{}');
    await writeFile(path.join(out, 'references/stale.json'), '{}');
    await fetchMirror({ rootUrl: server.url, out, http: FAST });
    assert.ok(!existsSync(path.join(out, 'references/stale.json')), 'the earlier mirror was replaced whole');

    // Beside references/ and schemas/, a file is somebody's (notes, a .git): refused, kept.
    await writeFile(path.join(out, 'NOTES.md'), 'mine');
    await assert.rejects(fetchMirror({ rootUrl: server.url, out, http: FAST }), {
      message: `${path.join(out, 'NOTES.md')}: not part of a reference mirror, and the mirror is replaced whole: remove it, or choose another --out`,
    });
    assert.equal(await readFile(path.join(out, 'NOTES.md'), 'utf8'), 'mine');

    const precious = path.join(scratch, 'precious');
    await mkdir(precious);
    await writeFile(path.join(precious, 'notes.txt'), 'keep me');
    await assert.rejects(fetchMirror({ rootUrl: server.url, out: precious, http: FAST }), {
      message:
        `${precious}: refusing to overwrite a non-empty directory that is not a reference mirror ` +
        '(no references/manifest.json)',
    });
    assert.equal(await readFile(path.join(precious, 'notes.txt'), 'utf8'), 'keep me');
  });
});

test('a missing schema is reported at its first referrer, with its URL, and nothing is written', { skip }, async () => {
  const missing = '/schemas/queue/v1/task.json';
  const notFound: Override = (req, res) => req.url === missing && (res.writeHead(404).end(), true);
  await withMirrorServer(notFound, async (server, scratch) => {
    const out = path.join(scratch, 'mirror');
    await assert.rejects(fetchMirror({ rootUrl: server.url, out, http: FAST }), {
      name: 'GenerateError',
      message: `${server.url}/references/queue/v1/api.json#/entries/3/output: "v1/task.json#" names a schema that cannot be read (${server.url}${missing}: HTTP 404 Not Found)`,
    });
    assert.deepEqual(await readdir(scratch), [], 'neither the mirror nor a temporary directory exists');
  });
});

test('every failed file is reported, each at the manifest entry that lists it', { skip }, async () => {
  const failing = ['/references/auth/v1/api.json', '/references/queue/v1/exchanges.json'];
  const serverError: Override = (req, res) => failing.includes(req.url!) && (res.writeHead(500).end(), true);
  await withMirrorServer(serverError, async (server, scratch) => {
    await assert.rejects(fetchMirror({ rootUrl: server.url, out: path.join(scratch, 'm'), http: FAST }), {
      message: [
        `${server.url}/references/manifest.json#/references/0: "${failing[0]}" names a reference that cannot be read (${server.url}${failing[0]}: HTTP 500 Internal Server Error (gave up after 2 attempts))`,
        `${server.url}/references/manifest.json#/references/28: "${failing[1]}" names a reference that cannot be read (${server.url}${failing[1]}: HTTP 500 Internal Server Error (gave up after 2 attempts))`,
      ].join('\n'),
    });
    for (const file of failing) assert.equal(server.hits.get(file), 2);
  });
});

test('invalid JSON is reported by URL', { skip }, async () => {
  const broken: Override = (req, res) =>
    req.url === '/references/manifest.json' &&
    (res.writeHead(200, { 'content-type': 'application/json' }).end('{'), true);
  await withMirrorServer(broken, async (server, scratch) => {
    // The reason's wording belongs to json.ts; this checks the URL and the position are named.
    const manifestUrl = `${server.url}/references/manifest.json`;
    await assert.rejects(
      fetchMirror({ rootUrl: server.url, out: path.join(scratch, 'm'), http: FAST }),
      (error: Error) => error.message.startsWith(`${manifestUrl}: not valid JSON at line 1, column 2: `),
    );
  });
});

/** The snapshot's schema documents as a deployment's references bundle lists them (`[{ filename, content }]`). */
async function bundleOf(root: string): Promise<string> {
  const files = (await listFiles(root)).filter((file) => file.startsWith('/schemas/') && file.endsWith('.json'));
  return JSON.stringify(await Promise.all(files.map(async (file) => ({ filename: file.slice(1), content: JSON.parse(await readFile(path.join(root, file), 'utf8')) }))));
}

test("with the deployment's references bundle, the worker payload schemas come too: mirror and root URL read what the snapshot directory gives", { skip }, async () => {
  const bundle = await bundleOf(SNAPSHOT);
  const serveBundle: Override = (req, res) => req.url === '/references/references.json' && (res.writeHead(200, { 'content-type': 'application/json' }).end(bundle), true);
  await withMirrorServer(serveBundle, async (server, scratch) => {
    const out = path.join(scratch, 'mirror');
    const { files } = await fetchMirror({ rootUrl: server.url, out, http: FAST });
    const fromSnapshot = await loadInput(createDirSource(SNAPSHOT));
    assert.ok(fromSnapshot.payloadSchemas.includes('/schemas/docker-worker/v1/payload.json') && fromSnapshot.payloadSchemas.includes('/schemas/generic-worker/multiuser_posix.json'));
    for (const payload of fromSnapshot.payloadSchemas) assert.ok(files.includes(payload), `${payload} is mirrored`);
    assert.ok(!files.includes('/references/references.json'), 'the bundle itself is not part of the mirror');
    const fromMirror = await loadInput(createDirSource(out));
    assert.deepEqual(fromMirror.payloadSchemas, fromSnapshot.payloadSchemas);
    const http = createHttpSource(server.url, FAST);
    try {
      const overHttp = await loadInput(http);
      assert.deepEqual(overHttp.payloadSchemas, fromSnapshot.payloadSchemas);
      assert.deepEqual(loadedTexts(overHttp), loadedTexts(fromMirror));
    } finally {
      await http.close();
    }
    for (const file of files) {
      const [got, want] = await Promise.all([readFile(path.join(out, file)), readFile(path.join(SNAPSHOT, file))]);
      assert.ok(got.equals(want), `${file} differs from the snapshot`);
    }
  });
});

test('a schema the references bundle lists that cannot be read is reported at its bundle entry, and nothing is written', { skip }, async () => {
  const bundle = JSON.parse(await bundleOf(SNAPSHOT)) as Array<{ filename: string; content: unknown }>;
  bundle.push({ filename: 'schemas/generic-worker/missing.json', content: {} });
  const serveBundle: Override = (req, res) => req.url === '/references/references.json' && (res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bundle)), true);
  await withMirrorServer(serveBundle, async (server, scratch) => {
    await assert.rejects(fetchMirror({ rootUrl: server.url, out: path.join(scratch, 'mirror'), http: FAST }), {
      name: 'GenerateError',
      message: `${server.url}/references/references.json#/${bundle.length - 1}/filename: "schemas/generic-worker/missing.json" names a schema that cannot be read (${server.url}/schemas/generic-worker/missing.json: HTTP 404 Not Found)`,
    });
    assert.deepEqual(await readdir(scratch), [], 'neither the mirror nor a temporary directory exists');
  });
});
