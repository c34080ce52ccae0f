// One cold generation in this (fresh, plain node) process, through the compiled generator
// (lib/, as `npx tcgen` runs it); prints {stages, inProcessMs} as JSON on stdout.
import { generate } from '../lib/index.js';

const [references, out] = process.argv.slice(2);
const stages = {};
const start = performance.now();
const result = await generate({ references, out, onStage: (stage, ms) => (stages[stage] = (stages[stage] ?? 0) + ms) });
process.stdout.write(JSON.stringify({ stages, inProcessMs: performance.now() - start, files: result.files.length, unchanged: result.unchanged }) + '\n');
