// Peer: openapi-typescript on the OpenAPI 3.1 document openapi-doc.ts built (not timed here).
// Prints {importMs, workMs, chars} as JSON.
import { readFile } from 'node:fs/promises';

let t = performance.now();
const { default: openapiTS, astToString } = await import('openapi-typescript');
const importMs = performance.now() - t;
t = performance.now();
const doc = JSON.parse(await readFile(process.argv[2], 'utf8'));
const ast = await openapiTS(doc);
const text = astToString(ast);
process.stdout.write(JSON.stringify({ importMs, workMs: performance.now() - t, chars: text.length }) + '\n');
