import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { GenerateError } from '../errors.ts';

/**
 * Packs the package directory `out` into a tarball in `destination` with `npm pack` itself (so the
 * tarball holds exactly what a publish would), and returns the tarball's path. npm must be on PATH;
 * a failure becomes a GenerateError naming `out`.
 */
export async function packPackage(out: string, destination: string): Promise<string> {
  await mkdir(destination, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(npm, ['pack', path.resolve(out), '--pack-destination', path.resolve(destination), '--json', '--ignore-scripts'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new GenerateError([{ location: out, pointer: '', message: `npm pack failed: ${(stderr || error.message).trim()}` }]));
      else resolve(stdout);
    });
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (packed === undefined) throw new GenerateError([{ location: out, pointer: '', message: 'npm pack wrote no tarball' }]);
  return path.join(destination, packed.filename);
}
