// `tcgen diff` on the `./workers` module: one synthetic reference pair per rule, each changing one
// thing in a worker payload schema, with the exact JSON report expected (as rules.test.ts does for
// services); the order and headings of the text and markdown formats; the snapshot a stamp records
// (version 2, with workers) and what an older stamp's model gives; `generate --diff` through a stamp.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { diffSnapshots, type Change, type DiffReport } from '../../generator/diff/diff.ts';
import { formatMarkdown, formatText } from '../../generator/diff/format.ts';
import { SNAPSHOT_VERSION, stampedSnapshot } from '../../generator/diff/snapshot.ts';
import { runGenerateCommand } from '../../generator/commands/generate.ts';
import { generate } from '../../generator/generate.ts';
import { temporaryDir } from '../generator/helpers.ts';
import { baseFiles, snapshotOfFiles, testRules, writeMirror, type DiffRule, type Files } from './helpers.ts';

const META = '/schemas/common/metaschema.json#';
const PAYLOAD = '/schemas/toy-worker/v1/payload.json';
const SIMPLE = '/schemas/toy-worker/v1/simple.json';
const REQUEST = '/schemas/alpha/v1/thing-request.json';

/** The diff tests' base deployment plus a worker with two payload schemas (toy-worker/v1/payload → ToyWorkerPayload, naming FeatureFlags; toy-worker/v1/simple → SimplePayload). */
function workerFiles(): Files {
  const files = baseFiles();
  files[PAYLOAD] = {
    $schema: META, $id: `${PAYLOAD}#`, title: 'Toy worker payload', type: 'object',
    properties: {
      command: { type: 'array', items: { type: 'string' } },
      maxRunTime: { type: 'number', maximum: 86400, description: 'Seconds.' },
      env: { type: 'object', additionalProperties: { type: 'string' } },
      image: { type: 'string', enum: ['ubuntu', 'debian'] },
      features: { title: 'Feature flags', type: 'object', properties: { chainOfTrust: { type: 'boolean' } }, additionalProperties: false },
    },
    required: ['command', 'maxRunTime'],
    additionalProperties: false,
  };
  files[SIMPLE] = { $schema: META, $id: `${SIMPLE}#`, title: 'Simple payload', type: 'object', properties: { script: { type: 'string' } }, required: ['script'], additionalProperties: false };
  return files;
}

const inWorkers = (kind: Change['kind'], name: string, cls: Change['class'], reason: string, pointer?: string): Change => ({ kind, service: 'workers', name, ...(pointer !== undefined && { pointer }), class: cls, reason });
const type = (name: string, pointer: string, cls: Change['class'], reason: string) => inWorkers('type-changed', name, cls, reason, pointer);
const STOP = (key: string) => `TaskFor<'${key}'> and WorkerPayloads['${key}'] stop compiling`;
const MOVED = (before: string, after: string) => `the oneOf branch named ${before} is now named ${after} (branches were inserted, removed or reordered), and ${before} names another branch, so code importing ${before} gets another type`;
/** Three branches of one title ("Content"), told apart by their properties only. */
const CONTENT = Object.fromEntries(
  Object.entries({ indexed: ['namespace', 'artifact'], url: ['url', 'sha256'], raw: ['raw'] }).map(([kind, properties]) => [
    kind,
    { title: 'Content', type: 'object', properties: Object.fromEntries(properties.map((property) => [property, { type: 'string' }])), required: [properties[0]], additionalProperties: false },
  ]),
);

const RULES: DiffRule[] = [
  {
    rule: 'payload schema removed (major: TaskFor<K> and WorkerPayloads[K] of its key stop compiling)',
    after: (f) => delete f[SIMPLE],
    changes: [inWorkers('payload-removed', 'toy-worker/v1/simple', 'major', `worker payload toy-worker/v1/simple removed: ${STOP('toy-worker/v1/simple')}, and so does code importing SimplePayload`)],
  },
  {
    rule: 'worker removed: no payload schema left, so no ./workers (each key major)',
    after: (f) => {
      delete f[SIMPLE];
      delete f[PAYLOAD];
    },
    changes: ['payload', 'simple'].map((name) => {
      const key = `toy-worker/v1/${name}`;
      const typeName = name === 'payload' ? 'ToyWorkerPayload' : 'SimplePayload';
      return inWorkers('payload-removed', key, 'major', `worker payload ${key} removed (the new reference has no worker payload schema, so the package has no ./workers): ${STOP(key)}, and so does code importing ${typeName}`);
    }),
  },
  {
    rule: 'payload schema added (minor)',
    after: (f) => (f['/schemas/toy-worker/v1/windows.json'] = { ...f[SIMPLE], $id: '/schemas/toy-worker/v1/windows.json#', title: 'Windows payload' }),
    changes: [inWorkers('payload-added', 'toy-worker/v1/windows', 'minor', 'new worker payload, type WindowsPayload: existing code is unaffected')],
  },
  {
    rule: 'first payload schema: the package gains ./workers (minor)',
    before: (f) => {
      delete f[SIMPLE];
      delete f[PAYLOAD];
    },
    after: (f) => (f[SIMPLE] = workerFiles()[SIMPLE]),
    changes: [inWorkers('payload-added', 'toy-worker/v1/simple', 'minor', 'new worker payload, type SimplePayload (the package gains ./workers): existing code is unaffected')],
  },
  {
    rule: 'payload property removed (major)',
    after: (f) => delete f[PAYLOAD].properties.env,
    changes: [type('ToyWorkerPayload', '/properties/env', 'major', 'property "env" removed in an input: calls that set it stop compiling or are refused')],
  },
  {
    rule: 'payload property renamed (major: the old name removed, the new one required)',
    after: (f) => {
      const { maxRunTime, ...rest } = f[PAYLOAD].properties;
      f[PAYLOAD].properties = { ...rest, maxRuntime: maxRunTime };
      f[PAYLOAD].required = ['command', 'maxRuntime'];
    },
    changes: [
      type('ToyWorkerPayload', '/properties/maxRunTime', 'major', 'property "maxRunTime" removed in an input: calls that set it stop compiling or are refused'),
      type('ToyWorkerPayload', '/properties/maxRuntime', 'major', 'required property "maxRuntime" added in an input: existing calls do not send it'),
    ],
  },
  {
    rule: 'payload property made required (major)',
    after: (f) => f[PAYLOAD].required.push('env'),
    changes: [type('ToyWorkerPayload', '/properties/env', 'major', 'property "env" changed from optional to required in an input: values accepted before are refused')],
  },
  {
    rule: 'payload property made optional (minor)',
    after: (f) => (f[PAYLOAD].required = ['command']),
    changes: [type('ToyWorkerPayload', '/properties/maxRunTime', 'minor', 'property "maxRunTime" changed from required to optional in an input: more values are accepted')],
  },
  {
    rule: 'optional payload property added (minor)',
    after: (f) => (f[PAYLOAD].properties.onExitStatus = { type: 'object', properties: { retry: { type: 'array', items: { type: 'integer' } } } }),
    changes: [type('ToyWorkerPayload', '/properties/onExitStatus', 'minor', 'optional property "onExitStatus" added in an input: callers may leave it out')],
  },
  {
    rule: 'payload property narrowed, number → integer (major)',
    after: (f) => (f[PAYLOAD].properties.maxRunTime.type = 'integer'),
    changes: [type('ToyWorkerPayload', '/properties/maxRunTime/type', 'major', 'type "number" narrowed to "integer" in an input: values accepted before are refused')],
  },
  {
    rule: 'payload enum value removed (major), bound removed (minor)',
    after: (f) => {
      f[PAYLOAD].properties.image.enum = ['ubuntu'];
      delete f[PAYLOAD].properties.maxRunTime.maximum;
    },
    changes: [
      type('ToyWorkerPayload', '/properties/image/enum', 'major', 'enum value "debian" removed in an input: values accepted before are refused'),
      type('ToyWorkerPayload', '/properties/maxRunTime/maximum', 'minor', 'maximum 86400 removed in an input: more values are accepted'),
    ],
  },
  {
    rule: 'property added to a type the payload names (minor, in that type)',
    after: (f) => (f[PAYLOAD].properties.features.properties.interactive = { type: 'boolean' }),
    changes: [type('FeatureFlags', '/properties/interactive', 'minor', 'optional property "interactive" added in an input: callers may leave it out')],
  },
  {
    rule: 'payload description changed (patch)',
    after: (f) => (f[PAYLOAD].properties.maxRunTime.description = 'Seconds, at most a day.'),
    changes: [type('ToyWorkerPayload', '/properties/maxRunTime/description', 'patch', 'description changed')],
  },
  {
    rule: 'payload type renamed by a new title (major), under the same key',
    after: (f) => (f[SIMPLE].title = 'Plain payload'),
    changes: [
      type('PlainPayload', '/title', 'patch', 'title changed'),
      type('SimplePayload', '', 'major', 'type SimplePayload renamed: the same schema is now named PlainPayload, so code importing SimplePayload stops compiling'),
    ],
  },
  {
    rule: 'payload object made one branch of a oneOf: compared with that branch (minor: one more branch accepted)',
    after: (f) => {
      const { $schema, $id, title, ...object } = f[SIMPLE];
      f[SIMPLE] = { $schema, $id, title, oneOf: [object, { type: 'object', properties: { image: { type: 'string' } }, required: ['image'], additionalProperties: false }] };
    },
    changes: [type('SimplePayload', '/oneOf', 'minor', '1 oneOf schema added in an input: more values are accepted')],
  },
  {
    rule: 'a oneOf payload reduced to one of its branches (major: the other is refused)',
    before: (f) => {
      const { $schema, $id, title, ...object } = f[SIMPLE];
      f[SIMPLE] = { $schema, $id, title, oneOf: [object, { type: 'object', properties: { image: { type: 'string' } }, required: ['image'], additionalProperties: false }] };
    },
    after: (f) => (f[SIMPLE] = workerFiles()[SIMPLE]),
    changes: [type('SimplePayload', '/oneOf', 'major', '1 oneOf schema removed in an input: values accepted before are refused')],
  },
  {
    rule: 'payload schema moved to another path: its key is its path (the old key removed, major; the new one added, minor)',
    after: (f) => {
      f['/schemas/toy-worker/v2/simple.json'] = { ...f[SIMPLE], $id: '/schemas/toy-worker/v2/simple.json#' };
      delete f[SIMPLE];
    },
    changes: [
      inWorkers('payload-removed', 'toy-worker/v1/simple', 'major', `worker payload toy-worker/v1/simple removed: ${STOP('toy-worker/v1/simple')}`),
      inWorkers('payload-added', 'toy-worker/v2/simple', 'minor', 'new worker payload, type SimplePayload: existing code is unaffected'),
    ],
  },
  // Branches that share a title are named by position (SimplePayloadContentOneOfSecond, …): a
  // branch inserted or removed before others moves their names, which is what importers meet.
  {
    rule: 'a oneOf branch inserted before branches named by position: each moved name is one major line, the union one more branch (minor)',
    before: (f) => (f[SIMPLE].properties.content = { oneOf: [CONTENT.url, CONTENT.raw] }),
    after: (f) => (f[SIMPLE].properties.content = { oneOf: [CONTENT.indexed, CONTENT.url, CONTENT.raw] }),
    changes: [
      type('Content', '', 'major', MOVED('Content', 'SimplePayloadContentOneOfSecond')),
      type('SimplePayload', '/properties/content/oneOf', 'minor', '1 oneOf schema added in an input: more values are accepted'),
      type('SimplePayloadContentOneOfSecond', '', 'major', MOVED('SimplePayloadContentOneOfSecond', 'SimplePayloadContentOneOfThird')),
    ],
  },
  {
    rule: 'a oneOf branch removed before branches named by position: the removed name now names the next one (major), its own name goes (major)',
    before: (f) => (f[SIMPLE].properties.content = { oneOf: [CONTENT.indexed, CONTENT.url, CONTENT.raw] }),
    after: (f) => (f[SIMPLE].properties.content = { oneOf: [CONTENT.indexed, CONTENT.raw] }),
    changes: [
      type('SimplePayload', '/properties/content/oneOf', 'major', '1 oneOf schema removed in an input: values accepted before are refused'),
      type('SimplePayloadContentOneOfSecond', '', 'major', 'the oneOf branch named SimplePayloadContentOneOfSecond was removed, and SimplePayloadContentOneOfSecond names another branch, so code importing SimplePayloadContentOneOfSecond gets another type'),
      type('SimplePayloadContentOneOfThird', '', 'major', 'type SimplePayloadContentOneOfThird renamed: the same schema is now named SimplePayloadContentOneOfSecond, so code importing SimplePayloadContentOneOfThird stops compiling'),
    ],
  },
  {
    rule: 'reordered keys of a payload schema are no change',
    after: (f) => (f[PAYLOAD].properties = Object.fromEntries(Object.entries(f[PAYLOAD].properties).reverse())),
    changes: [],
  },
];

testRules('workers rule', RULES, workerFiles, { listed: true });

async function reportOf(before: Files, after: Files): Promise<DiffReport> {
  return diffSnapshots(await snapshotOfFiles(before, { listed: true }), await snapshotOfFiles(after, { listed: true }));
}

test('the worker deployment diffed with itself: verdict none; a source that cannot list its schemas (a root URL) finds no payloads', async () => {
  const snapshot = await snapshotOfFiles(workerFiles(), { listed: true });
  assert.deepEqual(Object.keys(snapshot.workers?.payloads ?? {}), ['toy-worker/v1/payload', 'toy-worker/v1/simple']);
  assert.deepEqual(diffSnapshots(snapshot, snapshot), { verdict: 'none', changes: [] });
  assert.equal((await snapshotOfFiles(workerFiles())).workers, undefined);
});

test('text and markdown: the workers module under its own heading, after every service, even one whose name sorts after it', async () => {
  const oldFiles = workerFiles();
  const newFiles = structuredClone(oldFiles);
  newFiles[PAYLOAD].required.push('env');
  newFiles[REQUEST].properties.color = { type: 'string' };
  newFiles['/references/manifest.json'].references.push('/references/zulu/v1/api.json');
  newFiles['/references/zulu/v1/api.json'] = { ...newFiles['/references/alpha/v1/api.json'], serviceName: 'zulu', entries: [newFiles['/references/alpha/v1/api.json'].entries[0]] };
  const report = await reportOf(oldFiles, newFiles);
  assert.deepEqual(report.changes.map((c) => c.service), ['alpha', 'zulu', 'workers']);
  assert.equal(
    formatText(report),
    [
      'verdict: major (1 major, 2 minor)',
      '',
      'alpha',
      '  minor  type changed      ThingRequest#/properties/color: optional property "color" added in an input: callers may leave it out',
      '',
      'zulu',
      '  minor  service added     zulu: new service, class Zulu: existing code is unaffected',
      '',
      'workers',
      '  major  type changed      ToyWorkerPayload#/properties/env: property "env" changed from optional to required in an input: values accepted before are refused',
      '',
    ].join('\n'),
  );
  const markdown = formatMarkdown(report);
  assert.match(markdown, /\n\| alpha \| {2}\| 1 \| {2}\|\n\| zulu \| {2}\| 1 \| {2}\|\n\| workers \(the \.\/workers module\) \| 1 \| {2}\| {2}\|\n/);
  assert.match(markdown, /\n#### workers \(the \.\/workers module\)\n\n- \*\*major\*\* type changed `ToyWorkerPayload#\/properties\/env`: property "env" changed from optional to required/);
});

test('the stamp: snapshot version 2 records the workers; a version-1 model (no workers recorded) or a malformed workers field is not compared', async () => {
  const snapshot = await snapshotOfFiles(workerFiles(), { listed: true });
  assert.equal(SNAPSHOT_VERSION, 2);
  const stamped = JSON.parse(JSON.stringify(snapshot));
  assert.deepEqual(stampedSnapshot(stamped), snapshot);
  assert.equal(stampedSnapshot({ ...stamped, snapshotVersion: 1, workers: undefined }), undefined);
  assert.equal(stampedSnapshot({ ...stamped, workers: { payloads: [] } }), undefined);
  const withoutWorkers = await snapshotOfFiles(baseFiles(), { listed: true });
  assert.equal(withoutWorkers.workers, undefined);
  assert.deepEqual(stampedSnapshot(JSON.parse(JSON.stringify(withoutWorkers))), withoutWorkers);
});

test('generate --diff: a payload change against the model in the stamp; an output stamped by an older tcgen (snapshot version 1) says it has nothing to compare', async () => {
  const { dir, cleanup } = await temporaryDir('tcgen-diff-workers-');
  try {
    const oldDir = await writeMirror(path.join(dir, 'old'), workerFiles());
    const changed = workerFiles();
    changed[PAYLOAD].properties.maxRunTime.type = 'integer';
    delete changed[SIMPLE];
    const newDir = await writeMirror(path.join(dir, 'new'), changed);
    const out = path.join(dir, 'package');
    await generate({ references: oldDir, out });
    const { diff } = await generate({ references: newDir, out, diff: true, check: true });
    assert.deepEqual(diff, {
      verdict: 'major',
      changes: [
        inWorkers('payload-removed', 'toy-worker/v1/simple', 'major', `worker payload toy-worker/v1/simple removed: ${STOP('toy-worker/v1/simple')}, and so does code importing SimplePayload`),
        type('ToyWorkerPayload', '/properties/maxRunTime/type', 'major', 'type "number" narrowed to "integer" in an input: values accepted before are refused'),
      ],
    });
    // The same stamp as an older tcgen wrote it: its model has snapshot version 1 and no workers.
    const stampFile = path.join(out, '.tcgen.json');
    const stamp = JSON.parse(await readFile(stampFile, 'utf8'));
    const { workers: _, ...services } = stamp.model;
    await writeFile(stampFile, JSON.stringify({ ...stamp, model: { ...services, snapshotVersion: 1 } }));
    let stdout = '';
    let stderr = '';
    const code = await runGenerateCommand(['--references', newDir, '--out', out, '--diff', '--check'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    assert.match(stdout, /^diff: .*\.tcgen\.json records no model to compare with \(no earlier output, or one from an older tcgen\)\n/);
    assert.equal(code, 1, stderr); // --check: the output differs from what NEW makes
  } finally {
    await cleanup();
  }
});
