import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerateError } from '../../generator/errors.ts';
import { createHttpSource, type HttpSourceOptions } from '../../generator/load/http-source.ts';
import { startStaticServer, type Override } from './static-server.ts';

// Small enough that failure tests stay fast; retries still happen.
const FAST: HttpSourceOptions = { retries: 3, retryDelayMs: 1, timeoutMs: 2_000 };
const EMPTY_ROOT = '/nonexistent-tcgen-root';

/** Runs `body` against a loopback server and an HTTP source on it, closing both whatever happens. */
async function withSource(
  override: Override,
  options: HttpSourceOptions,
  body: (
    source: ReturnType<typeof createHttpSource>,
    server: Awaited<ReturnType<typeof startStaticServer>>,
  ) => Promise<void>,
): Promise<void> {
  const server = await startStaticServer(EMPTY_ROOT, override);
  const source = createHttpSource(server.url + '/', options);
  try {
    await body(source, server);
  } finally {
    await source.close();
    await server.close();
  }
}

function json(response: import('node:http').ServerResponse, body: string, type = 'application/json'): true {
  response.writeHead(200, { 'content-type': type });
  response.end(body);
  return true;
}

test('reads text and bytes as served; locate trims the trailing slash of the root URL', async () => {
  const body = '\uFEFF{"a": "é"}\n';
  await withSource(
    (_, res) => json(res, body),
    FAST,
    async (source, server) => {
      assert.equal(source.locate('/references/manifest.json'), `${server.url}/references/manifest.json`);
      assert.equal(await source.readText('/x.json'), body);
      assert.deepEqual(await source.readBytes('/x.json'), Buffer.from(body, 'utf8'));
    },
  );
});

test('404 is reported at once, naming the URL', async () => {
  await withSource(
    () => false,
    FAST,
    async (source, server) => {
      await assert.rejects(source.readText('/references/manifest.json'), {
        name: 'GenerateError',
        message: `${server.url}/references/manifest.json: HTTP 404 Not Found`,
      });
      assert.equal(server.hits.get('/references/manifest.json'), 1);
    },
  );
});

test('500 is retried `retries` times, then reported with the attempt count', async () => {
  const failing: Override = (_, res) => {
    res.writeHead(500).end('boom');
    return true;
  };
  await withSource(failing, FAST, async (source, server) => {
    await assert.rejects(source.readText('/a.json'), {
      message: `${server.url}/a.json: HTTP 500 Internal Server Error (gave up after 4 attempts)`,
    });
    assert.equal(server.hits.get('/a.json'), 4);
  });
});

test('a 503 followed by success is retried to success', async () => {
  let calls = 0;
  const flaky: Override = (_, res) => (++calls === 1 ? (res.writeHead(503).end(), true) : json(res, '{}'));
  await withSource(flaky, FAST, async (source) => {
    assert.equal(await source.readText('/a.json'), '{}');
    assert.equal(calls, 2);
  });
});

test('a connection reset is retried, then reported', async () => {
  const reset: Override = (req) => {
    req.socket.resetAndDestroy();
    return true;
  };
  await withSource(reset, FAST, async (source, server) => {
    await assert.rejects(source.readText('/a.json'), {
      message: `${server.url}/a.json: connection reset by the server (ECONNRESET) (gave up after 4 attempts)`,
    });
    assert.equal(server.hits.get('/a.json'), 4);
  });
});

test('a server that never answers times out per attempt', async () => {
  const hang: Override = () => true;
  // 300 ms: on a loaded 2-core machine a retried request can take longer than 50 ms to reach the server at all.
  await withSource(hang, { retries: 1, retryDelayMs: 1, timeoutMs: 300 }, async (source, server) => {
    const started = Date.now();
    await assert.rejects(source.readText('/a.json'), {
      message: `${server.url}/a.json: no response within 300 ms (gave up after 2 attempts)`,
    });
    assert.equal(server.hits.get('/a.json'), 2);
    assert.ok(Date.now() - started < 3_000, 'the timeout bounds each attempt');
  });
});

test('a body that stops halfway times out too', async () => {
  const stall: Override = (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"partial":');
    return true;
  };
  await withSource(stall, { retries: 0, timeoutMs: 50 }, async (source, server) => {
    await assert.rejects(source.readText('/a.json'), { message: `${server.url}/a.json: no response within 50 ms` });
  });
});

test('HTML instead of JSON is refused, naming the content type, without retries', async () => {
  const html: Override = (_, res) => json(res, '<html>login</html>', 'text/html; charset=utf-8');
  await withSource(html, FAST, async (source, server) => {
    await assert.rejects(source.readText('/references/manifest.json'), {
      message: `${server.url}/references/manifest.json: expected JSON, got content-type "text/html; charset=utf-8"`,
    });
    assert.equal(server.hits.get('/references/manifest.json'), 1);
  });
});

test('only http and https root URLs are accepted', async () => {
  const cases = [
    ['ftp://tc.example.com', 'ftp://tc.example.com: root URL must start with http:// or https://, not ftp:'],
    ['file:///tmp/mirror', 'file:///tmp/mirror: root URL must start with http:// or https://, not file:'],
    ['tc.example.com', 'tc.example.com: root URL is not a valid URL'],
  ];
  for (const [rootUrl, message] of cases) {
    assert.throws(
      () => createHttpSource(rootUrl!),
      (error: unknown) => {
        assert.ok(error instanceof GenerateError);
        assert.equal(error.message, message);
        return true;
      },
    );
  }
  const source = createHttpSource('https://tc.example.com//');
  assert.equal(source.rootUrl, 'https://tc.example.com');
  await source.close();
});

test('no more than `concurrency` requests are in flight, and progress counts them all', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const slow: Override = (_, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      json(res, '{}');
    }, 5);
    return true;
  };
  const progress: Array<[number, number]> = [];
  const options = {
    ...FAST,
    concurrency: 3,
    onProgress: (done: number, total: number) => progress.push([done, total]),
  };
  await withSource(slow, options, async (source) => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => source.readText(`/f${i}.json`)));
  });
  assert.equal(maxInFlight, 3);
  assert.deepEqual(progress.at(-1), [12, 12]);
  assert.equal(progress.length, 24);
});

test("listSchemas: the schema paths of the deployment's references bundle, sorted; [] when it serves none or an HTML page", async () => {
  const bundle = JSON.stringify([
    { filename: 'references/manifest.json', content: {} },
    { filename: 'schemas/queue/v1/task.json', content: {} },
    { filename: 'schemas/generic-worker/multiuser_posix.json', content: {} },
    { filename: 'schemas/docker-worker/v1/payload.json', content: {} },
    { filename: 'schemas/generic-worker/multiuser_posix.json', content: {} },
  ]);
  // A byte order mark is read past, as in every other document; a path listed twice is listed once, at its first entry.
  await withSource(
    (req, res) => req.url === '/references/references.json' && json(res, '\uFEFF' + bundle),
    FAST,
    async (source, server) => {
      assert.deepEqual(await source.listSchemas!(), ['/schemas/docker-worker/v1/payload.json', '/schemas/generic-worker/multiuser_posix.json', '/schemas/queue/v1/task.json']);
      assert.deepEqual(source.listedAt!('/schemas/generic-worker/multiuser_posix.json'), { location: `${server.url}/references/references.json`, pointer: '/2/filename', text: 'schemas/generic-worker/multiuser_posix.json' });
      assert.equal(source.listedAt!('/schemas/queue/v1/other.json'), undefined);
    },
  );
  await withSource(
    () => false,
    FAST,
    async (source, server) => {
      assert.deepEqual(await source.listSchemas!(), []);
      assert.equal(server.hits.get('/references/references.json'), 1, 'a 404 is not retried');
    },
  );
  // A front end answering every unknown path with its page: no bundle either.
  await withSource(
    (req, res) => req.url === '/references/references.json' && json(res, '<!doctype html><title>app</title>', 'text/html'),
    FAST,
    async (source) => assert.deepEqual(await source.listSchemas!(), []),
  );
});

test('listSchemas: a bundle that is not one, a schema filename that is not a plain path, or a failing server, is reported by URL and JSON pointer', async () => {
  for (const [body, pointer, message] of [
    ['{', '', /^not valid JSON at line 1, column 2/],
    ['{"filename": "schemas/x.json"}', '', /^expected an array of \{ filename, content \}/],
    ['[{"filename": "schemas/a.json"}, {"content": {}}]', '/1/filename', /^expected a string$/],
  ] as const) {
    await withSource(
      (req, res) => req.url === '/references/references.json' && json(res, body),
      FAST,
      async (source, server) => {
        await assert.rejects(source.listSchemas!(), (error: unknown) => error instanceof GenerateError && error.problems[0]!.location === `${server.url}/references/references.json` && error.problems[0]!.pointer === pointer && message.test(error.problems[0]!.message));
      },
    );
  }
  // Each would name another document than it seems to, once the URL reads it (`%2e%2e` and `\` are `..` and `/`), or a file no mirror can hold.
  for (const filename of ['schemas/../references/manifest.json', 'schemas/generic-worker/%2e%2e/%2e%2e/references/manifest.json', 'schemas/generic-worker/..\\..\\queue\\v1\\task.json', 'schemas/./generic-worker/insecure_posix.json', 'schemas/x/insecure_posix.json?v=1.json', 'schemas/x/insecure_posix.json#.json', 'schemas/readme.md', 'schemas//x.json']) {
    const body = JSON.stringify([{ filename: 'schemas/queue/v1/task.json' }, { filename }]);
    await withSource(
      (req, res) => req.url === '/references/references.json' && json(res, body),
      FAST,
      async (source, server) => {
        await assert.rejects(source.listSchemas!(), { name: 'GenerateError', message: `${server.url}/references/references.json#/1/filename: expected a schema path of plain segments (schemas/<folder>/…/<name>.json), found ${JSON.stringify(filename)}` }, filename);
      },
    );
  }
  await withSource(
    (_, res) => (res.writeHead(503).end(), true),
    FAST,
    async (source, server) => {
      await assert.rejects(source.listSchemas!(), { name: 'GenerateError', message: `${server.url}/references/references.json: HTTP 503 Service Unavailable (gave up after 4 attempts)` });
    },
  );
});
