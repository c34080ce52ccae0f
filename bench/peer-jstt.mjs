// Peer: json-schema-to-typescript as commonly used: one compile() per schema file, default
// options (formatting with prettier, referenced types declared; remote $refs off), $refs resolved by it from
// the file's own folder. Prints {importMs, workMs, files, chars} as JSON.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const schemasDir = process.argv[2];
let t = performance.now();
const { compile } = await import('json-schema-to-typescript');
const importMs = performance.now() - t;
t = performance.now();
const files = (await readdir(schemasDir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
let chars = 0;
let failed = 0;
for (const file of files) {
  const full = path.join(schemasDir, file);
  const schema = JSON.parse(await readFile(full, 'utf8'));
  try {
    // Defaults except http: false, which keeps the run off the network (the draft-06 metaschema).
    const ts = await compile(schema, path.basename(file, '.json'), { cwd: path.dirname(full), $refOptions: { resolve: { http: false } } });
    chars += ts.length;
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ importMs, workMs: performance.now() - t, files: files.length, failed, chars }) + '\n');
