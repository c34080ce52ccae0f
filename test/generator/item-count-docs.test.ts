// Item counts are documented once, by the schema docs ("- Max items: 64"): json-schema-to-typescript
// would add its own `@minItems`/`@maxItems` tags too, which editors show as a second copy.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { generate } from '../../generator/index.ts';
import { apiReference, entry, objectSchema, workspace, xTree } from '../bad-input/helpers.ts';

test('an array with minItems and maxItems: "Min items"/"Max items" in its TSDoc, no @minItems/@maxItems tags; a property named maxItems is kept', async () => {
  const schema = objectSchema('in.json', {
    routes: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 64, description: 'Routes.' },
    maxItems: { type: 'integer', description: 'A property that happens to be called maxItems.' },
  });
  const ws = await workspace(xTree(apiReference([entry({ name: 'make', method: 'post', route: '/make', input: 'v1/in.json#' })]), { 'in.json': schema }));
  try {
    await generate({ references: ws.references, out: ws.out });
    const declarations = await readFile(path.join(ws.out, 'dist', 'services', 'x.d.ts'), 'utf8');
    assert.match(declarations, /- Min items: 1\n\s*\* - Max items: 64\n/);
    assert.doesNotMatch(declarations, /@minItems|@maxItems/);
    assert.match(declarations, /\n\s*maxItems\?: number;\n/);
    assert.match(declarations, /\n\s*routes\?: string\[\];\n/);
  } finally {
    await ws.dispose();
  }
});
