// Preloaded into measured child processes: records the process's own resource usage at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.TCGEN_BENCH_USAGE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
