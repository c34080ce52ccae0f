// Browser bundle size of one service: esbuild (bundle, minify, platform browser, ESM) of an entry
// that re-exports one client class from the generated v87.1.3 package, then gzip. Also which
// services' modules put bytes into the output, the proof that one service brings no other's code.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { generate } from '../generator/generate.ts';
import { REFERENCES, SCRATCH, ratio } from './stats.ts';

export interface BundleSize {
  label: string;
  /** The entry's one line of source. */
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Services (dist/services/<name>.js) with bytes in the output. */
  services: string[];
  /** Runtime modules (dist/runtime/<name>.js) with bytes in the output. */
  runtime: string[];
}

/** Bundles `entry` (module source importing the package by name) for browsers, from a folder whose node_modules holds the package. */
export async function bundleSize(dir: string, label: string, entry: string): Promise<BundleSize> {
  const file = path.join(dir, `entry-${label.replace(/\W+/g, '-')}.js`);
  await writeFile(file, entry + '\n');
  const result = await build({ entryPoints: [file], bundle: true, minify: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, metafile: true, logLevel: 'silent' });
  const code = result.outputFiles[0]!.contents;
  const [output] = Object.values(result.metafile.outputs);
  const used = Object.entries(output!.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([name]) => name);
  const named = (folder: string) => used.map((f) => new RegExp(`/dist/${folder}/([^/]+)\\.js$`).exec(f)?.[1]).filter((n): n is string => n !== undefined).sort();
  return { label, entry, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, services: named('services'), runtime: named('runtime') };
}

export const BUNDLE_ENTRIES: Array<[string, string]> = [
  ['PurgeCache alone', "export { PurgeCache } from '@tcgen/taskcluster-client/purge-cache';"],
  ['Queue alone', "export { Queue } from '@tcgen/taskcluster-client/queue';"],
  ['PurgeCache from the package root', "export { PurgeCache } from '@tcgen/taskcluster-client';"],
  ['every client (the root, whole)', "export * from '@tcgen/taskcluster-client';"],
];

/** Generates v87.1.3 into the scratch dir's node_modules and bundles each entry. */
export async function benchBundle(): Promise<BundleSize[]> {
  const dir = path.join(SCRATCH, 'bundle');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await generate({ references: REFERENCES, out: path.join(dir, 'node_modules', '@tcgen', 'taskcluster-client') });
  const sizes: BundleSize[] = [];
  for (const [label, entry] of BUNDLE_ENTRIES) sizes.push(await bundleSize(dir, label, entry));
  await rm(dir, { recursive: true, force: true });
  return sizes;
}

export function bundleTable(sizes: BundleSize[]): { markdown: string; headline: Record<string, number> } {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const lines = [
    'esbuild (bundle, minify, `platform: browser`, ESM), then gzip -9; the browser build picks the fetch transport and Web Crypto through the package\'s `imports` conditions, so undici and node:crypto are never in it.',
    '',
    '| entry | minified KiB | gzip KiB | services in the output | runtime modules in the output |',
    '|---|---:|---:|---|---:|',
  ];
  for (const s of sizes) lines.push(`| ${s.label}: \`${s.entry}\` | ${kb(s.minifiedBytes)} | ${kb(s.gzipBytes)} | ${s.services.length > 3 ? `${s.services.length} services` : s.services.join(', ')} | ${s.runtime.length} |`);
  const by = (label: string) => sizes.find((s) => s.label === label)!;
  lines.push('', `PurgeCache alone is ${ratio(by('PurgeCache alone').gzipBytes, by('every client (the root, whole)').gzipBytes)} of every client's gzip size; importing it from the package root costs the same as from its subpath (\`sideEffects: false\`).`);
  return {
    markdown: lines.join('\n') + '\n',
    headline: { purgeCacheGzipKiB: by('PurgeCache alone').gzipBytes / 1024, queueGzipKiB: by('Queue alone').gzipBytes / 1024 },
  };
}
