// The v87.1.3 package as an application uses it: `Object` also exported as `ObjectService`
// (importing it by name need not shadow the global), constant routing-key parts typed as their
// constant, and buildUrl/buildSignedUrl typed from the method; compiled under strict NodeNext
// with library checking on, misuse refused by `@ts-expect-error` lines.
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { dirSource, generateInto, importDist, skipUnlessSnapshot, type Generated } from './helpers.ts';
import { compileApp } from './compile-app.ts';

const skip = skipUnlessSnapshot('v87.1.3');

const APP = `import { Object as ObjectClient, ObjectService, Queue, QueueEvents } from '@tcgen/taskcluster-client';
import { ObjectService as FromService } from '@tcgen/taskcluster-client/object';

export const sameClass: typeof ObjectClient = ObjectService;
export const sameAgain: typeof ObjectService = FromService;
export const plain = Object.keys({ a: 1 }); // the global Object is untouched

const events = new QueueEvents();
events.taskDefined({ routingKeyKind: 'primary', taskId: 'abc' });
// @ts-expect-error routingKeyKind is always 'primary'
events.taskDefined({ routingKeyKind: 'secondary' });

const queue = new Queue({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'c', accessToken: 'a' } });
export const url: string = queue.buildUrl(queue.getArtifact, 'taskId', 0, 'public/build/x.tar.gz');
export const list: string = queue.buildUrl(queue.listTaskGroup, 'groupId', { limit: 10 });
export const signed: string = queue.buildSignedUrl(queue.getLatestArtifact, 'taskId', 'public/x', { expiration: 600 });
// @ts-expect-error createTask is a PUT: it cannot be signed
queue.buildSignedUrl(queue.createTask, 'taskId');
// @ts-expect-error getArtifact takes three route arguments
queue.buildUrl(queue.getArtifact, 'taskId', 0);
// @ts-expect-error a method of another client: ObjectService's
queue.buildUrl(new ObjectService({ rootUrl: 'https://tc.example.com' }).createUpload, 'name');
`;

let generated: Generated;

before(async () => {
  if (skip) return;
  generated = await generateInto({ source: dirSource('v87.1.3') });
});

after(async () => {
  await generated?.cleanup();
});

test('v87.1.3: ObjectService alias, constant routing-key parts, typed buildUrl/buildSignedUrl (strict NodeNext)', { skip }, async () => {
  const app = path.join(generated.out, '..', 'app');
  await mkdir(path.join(app, 'node_modules', '@tcgen'), { recursive: true });
  await symlink(generated.out, path.join(app, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
  await writeFile(path.join(app, 'package.json'), '{ "type": "module" }');
  await writeFile(path.join(app, 'app.ts'), APP);
  assert.deepEqual(compileApp([path.join(app, 'app.ts')], { skipLibCheck: false }).diagnostics, []);
  const index = await importDist(generated.out);
  assert.equal(index.ObjectService, index.Object);
  assert.match(await readFile(path.join(generated.out, 'dist', 'services', 'queue.d.ts'), 'utf8'), /routingKeyKind\?: 'primary' \| undefined;/);
});
