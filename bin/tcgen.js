#!/usr/bin/env node
// Runs the compiled generator (lib/, which `npm install` builds through `npm run build`) when
// it is newer than every source file; otherwise the TypeScript sources, through tsx. The
// compiled path starts faster: no loader thread, no transpiling.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const built = `${root}lib/cli.js`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

if (existsSync(built) && statSync(built).mtimeMs >= newestSource(`${root}generator`)) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../generator/cli.ts');
}
