// `npm run bench -- revisions REV [REV …]`: what each change bought. Builds tcgen at each git
// revision in a worktree of its own (.scratch/bench/revisions/<rev>, node_modules linked; removed
// again at the end), then
// times, in rotation so that a shared machine loads every revision alike: a cold generation of
// v87.1.3, and an incremental one after the queue service's reference changed. Prints a table of
// medians with each revision's ratio to the first one, and whether its output is the first one's
// (the stamp aside: it records the generator's own hash); a change to the templates shows there.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REFERENCES, ROOT, SCRATCH, median, runNode, type ProcessRun } from './stats.ts';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** A built checkout of `revision` (one a run left behind, when it failed halfway, is reused). */
async function checkout(revision: string): Promise<string> {
  const commit = git('rev-parse', '--short', revision);
  const dir = path.join(SCRATCH, 'revisions', commit);
  if (!existsSync(path.join(dir, 'lib', 'cli.js'))) {
    await rm(dir, { recursive: true, force: true });
    git('worktree', 'add', '--detach', dir, commit);
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'ignore' });
  }
  return dir;
}

interface Row {
  revision: string;
  /** Its cold output is byte-identical to the first revision's, `.tcgen.json` aside. */
  sameOutput?: boolean;
  cold: ProcessRun[];
  incremental: ProcessRun[];
}

export async function benchRevisions(revisions: string[], runs = 5): Promise<Row[]> {
  const rows: Row[] = [];
  for (const revision of revisions) rows.push({ revision: `${git('rev-parse', '--short', revision)} ${git('log', '-1', '--format=%s', revision).slice(0, 60)}`, cold: [], incremental: [] });
  const dirs = await Promise.all(revisions.map(checkout));
  const work = path.join(SCRATCH, 'revisions-runs');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const mirror = path.join(work, 'mirror');
  await cp(REFERENCES, mirror, { recursive: true });
  const api = path.join(mirror, 'references', 'queue', 'v1', 'api.json');
  // Each revision's own previous output, for its incremental runs.
  for (const [index, dir] of dirs.entries()) await runNode([path.join(dir, 'bin/tcgen.js'), 'generate', '--references', mirror, '--out', path.join(work, `incremental-${index}`)]);
  for (let run = 0; run < runs; run++) {
    const reference = JSON.parse(await readFile(api, 'utf8'));
    reference.entries[0].description += ` (changed ${run})`;
    await writeFile(api, JSON.stringify(reference, null, 2));
    // Rotate the order each run.
    const order = dirs.map((_, index) => (index + run) % dirs.length);
    for (const index of order) {
      const cold = path.join(work, `cold-${index}`);
      await rm(cold, { recursive: true, force: true });
      rows[index]!.cold.push(await runNode([path.join(dirs[index]!, 'bin/tcgen.js'), 'generate', '--references', REFERENCES, '--out', cold]));
      rows[index]!.incremental.push(await runNode([path.join(dirs[index]!, 'bin/tcgen.js'), 'generate', '--references', mirror, '--out', path.join(work, `incremental-${index}`)]));
    }
  }
  for (const dir of dirs) git('worktree', 'remove', '--force', dir);
  for (const [index, row] of rows.entries()) {
    row.sameOutput = spawnSync('diff', ['-rq', '--exclude=.tcgen.json', 'cold-0', `cold-${index}`], { cwd: work }).status === 0;
  }
  return rows;
}

export function revisionsTable(rows: Row[]): string {
  const cell = (runs: ProcessRun[], base: ProcessRun[], key: 'wallMs' | 'cpuMs') => {
    const value = median(runs.map((r) => r[key]));
    return `${value.toFixed(0)} (${(value / median(base.map((r) => r[key]))).toFixed(2)}×)`;
  };
  const lines = ['| revision | cold wall ms | cold CPU ms | incremental (queue changed) wall ms | incremental CPU ms | output as the first |', '|---|---:|---:|---:|---:|---|'];
  for (const row of rows) lines.push(`| ${row.revision} | ${cell(row.cold, rows[0]!.cold, 'wallMs')} | ${cell(row.cold, rows[0]!.cold, 'cpuMs')} | ${cell(row.incremental, rows[0]!.incremental, 'wallMs')} | ${cell(row.incremental, rows[0]!.incremental, 'cpuMs')} | ${row.sameOutput ? 'yes' : 'no'} |`);
  return lines.join('\n') + '\n';
}
