// The generated package installed the two usual ways into a fresh application, with a real
// `npm install --offline` (the npm cache the project's own `npm ci` filled): a `file:` dependency
// on the output directory (with install-links=true in the application's .npmrc, see the README) and the tarball `tcgen generate
// --pack` writes. The application type-checks under strict NodeNext with library checking on,
// and under node10 through typesVersions, then calls a loopback server, which sees the User-Agent.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT, temporaryDir } from './helpers.ts';

const NAME = '@acme/taskcluster';
const VERSION = '1.2.3-rc.1';
const TARBALL = 'acme-taskcluster-1.2.3-rc.1.tgz';

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The project's lockfile entry of an installed package, as an application's lockfile names it. */
async function lockedFromProject(name: string): Promise<Record<string, unknown>> {
  const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in the project's package-lock.json`);
  const version = entry.version as string;
  return { version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`, integrity: entry.integrity, dependencies: entry.dependencies };
}

const APP = `import { PurgeCache, TaskclusterError } from '${NAME}';
// The /pulse module imports amqplib: it resolves only where the package's dependencies were installed.
import { consume } from '${NAME}/pulse';
import type { OpenPurgeRequestList } from '${NAME}/purge-cache';

const client = new PurgeCache({ rootUrl: process.argv[2]!, retries: 0 });
const list: OpenPurgeRequestList = await client.purgeRequests('my-provisioner', 'my-worker-type');
// @ts-expect-error the route arguments are required
void (() => client.purgeRequests('my-provisioner'));
void TaskclusterError;
void consume;
console.log(JSON.stringify(list));
`;

const NODE10_APP = `import type { PurgeCacheRequest } from '${NAME}/purge-cache';
import type { ClientOptions } from '${NAME}/runtime';
export const request: PurgeCacheRequest = { cacheName: 'level-3-checkouts' };
export const options: ClientOptions = { rootUrl: 'https://tc.example.com' };
`;

function diagnostics(dir: string, file: string, options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([path.join(dir, file)], { strict: true, skipLibCheck: false, target: ts.ScriptTarget.ES2022, types: ['node'], ...options });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

let root: string;
let cleanup: () => Promise<void>;
let packed: { code: number; stdout: string; stderr: string };
let server: ReturnType<typeof createServer>;
let rootUrl: string;
const seen: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];

before(async () => {
  ({ dir: root, cleanup } = await temporaryDir('tcgen-install-'));
  packed = await run(process.execPath, [path.join(REPO_ROOT, 'bin/tcgen.js'), 'generate', '--out', path.join(root, 'out'), '--name', NAME, '--package-version', VERSION, '--pack'], REPO_ROOT);
  server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requests: [{ provisionerId: 'my-provisioner', workerType: 'my-worker-type', cacheName: 'c', before: '2026-01-01T00:00:00.000Z' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

test('generate --name --package-version --pack writes the package and its tarball beside it', async () => {
  assert.equal(packed.stderr, '');
  assert.equal(packed.code, 0);
  assert.match(packed.stdout, new RegExp(`^Wrote \\d+ files to ${root}/out\\nPacked .*${TARBALL.replaceAll('.', '\\.')}\\n$`));
  const manifest = JSON.parse(await readFile(path.join(root, 'out', 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.name, NAME);
  assert.equal(manifest.version, VERSION);
  assert.deepEqual((manifest.typesVersions as Record<string, Record<string, string[]>>)['*']!['purge-cache'], ['./dist/services/purge-cache.d.ts']);
  await readFile(path.join(root, TARBALL));
});

for (const way of ['directory', 'tarball'] as const) {
  test(`installed from the ${way} with npm install --offline, an application type-checks (strict NodeNext; node10 for the tarball) and calls a server`, async (t) => {
    const app = path.join(root, `app-${way}`);
    await mkdir(app);
    const spec = way === 'directory' ? 'file:../out' : `file:../${TARBALL}`;
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: `app-${way}`, private: true, type: 'module', dependencies: { [NAME]: spec }, devDependencies: { '@types/node': '^20.9.5' } }, null, 2));
    // A lockfile pins the registry packages to the tarballs the npm cache already holds, so that
    // npm needs no registry metadata: the install runs offline. It names every dependency the
    // generated package.json declares: npm trusts the lockfile and installs none it omits.
    const dependencies = (JSON.parse(await readFile(path.join(root, 'out', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    const lock = {
      name: `app-${way}`,
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: `app-${way}`, dependencies: { [NAME]: spec }, devDependencies: { '@types/node': '^20.9.5' } },
        [`node_modules/${NAME}`]: { version: VERSION, resolved: spec, dependencies },
        ...Object.fromEntries(await Promise.all(Object.keys(dependencies).map(async (name) => [`node_modules/${name}`, await lockedFromProject(name)] as const))),
        'node_modules/@types/node': { ...(await lockedFromProject('@types/node')), dev: true },
        'node_modules/undici-types': { ...(await lockedFromProject('undici-types')), dev: true },
      },
    };
    await writeFile(path.join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    // The README's directory way: install-links in the application's .npmrc, not a one-off flag,
    // which the next plain `npm install` undoes (the directory linked again, undici removed).
    if (way === 'directory') await writeFile(path.join(app, '.npmrc'), 'install-links=true\n');
    const npmInstall = () => run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
    const install = await npmInstall();
    if (install.code !== 0 && install.stderr.includes('ENOTCACHED')) {
      // The cache `npm ci` fills is what makes this offline; a machine that installed otherwise lacks it.
      t.skip(`the npm cache lacks undici or @types/node (run \`npm ci\` with the default cache to fill it): ${install.stderr.split('\n')[0]}`);
      return;
    }
    assert.equal(install.code, 0, install.stderr);
    // A later install (another dependency added, `npm ci` in CI) keeps the package's dependencies.
    const again = await npmInstall();
    assert.equal(again.code, 0, again.stderr);

    await writeFile(path.join(app, 'app.ts'), APP);
    assert.deepEqual(diagnostics(app, 'app.ts', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }), []);
    if (way === 'tarball') {
      // Once is enough: both ways install the same package.json.
      await writeFile(path.join(app, 'node10.ts'), NODE10_APP);
      assert.deepEqual(diagnostics(app, 'node10.ts', { module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Node10, noEmit: true }), []);
    }

    const before = seen.length;
    const called = await run(process.execPath, ['app.js', rootUrl], app);
    assert.equal(called.stderr, '');
    assert.equal(called.code, 0);
    assert.deepEqual(JSON.parse(called.stdout), { requests: [{ provisionerId: 'my-provisioner', workerType: 'my-worker-type', cacheName: 'c', before: '2026-01-01T00:00:00.000Z' }] });
    assert.equal(seen.length, before + 1);
    assert.equal(seen.at(-1)!.url, '/api/purge-cache/v1/purge-cache/my-provisioner/my-worker-type');
    assert.equal(seen.at(-1)!.headers['user-agent'], `tcgen-client/${VERSION} node/${process.versions.node}`);
  });
}
