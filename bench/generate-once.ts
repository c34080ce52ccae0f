// One cold generation in this (fresh) process; prints {stages, inProcessMs} as JSON on stdout.
import { generate } from '../generator/generate.ts';

const [references, out] = process.argv.slice(2);
const stages: Record<string, number> = {};
const start = performance.now();
const result = await generate({ references, out, onStage: (stage, ms) => (stages[stage] = (stages[stage] ?? 0) + ms) });
process.stdout.write(JSON.stringify({ stages, inProcessMs: performance.now() - start, files: result.files.length, unchanged: result.unchanged }) + '\n');
