import { createHttpSource, type HttpSourceOptions } from './http-source.ts';
import { loadInput } from './load.ts';
import { assertReplaceableMirror, writeMirrorAtomically } from './mirror-dir.ts';

export interface FetchMirrorOptions {
  /** The deployment's root URL, e.g. "https://community-tc.services.mozilla.com". */
  rootUrl: string;
  /** Directory to write the mirror to; replaced only if missing, empty, or an earlier mirror. */
  out: string;
  /** Concurrency, retries, timeouts and progress of the downloads. */
  http?: HttpSourceOptions;
}

export interface FetchMirrorResult {
  /** Root-relative paths of the files written, sorted. */
  files: string[];
}

/**
 * Downloads what the generator reads — the manifest, every reference it lists, every schema
 * those references reach, and the worker payload schemas the deployment's references bundle
 * lists (http-source.ts) — with the generator's own loader, and writes it to `out`
 * laid out as the URLs are. Documents are written as served: JSON is UTF-8, which decoding
 * and re-encoding keeps byte for byte. Every failed file is reported, not only the first.
 */
export async function fetchMirror(options: FetchMirrorOptions): Promise<FetchMirrorResult> {
  const source = createHttpSource(options.rootUrl, options.http);
  try {
    await assertReplaceableMirror(options.out); // fail before downloading anything
    const input = await loadInput(source);
    const documents = [input.manifest, ...input.references, ...input.schemas.values()];
    const files = new Map(documents.map((document) => [document.path, Buffer.from(document.text, 'utf8')]));
    await writeMirrorAtomically(options.out, files);
    return { files: [...files.keys()].sort() };
  } finally {
    await source.close();
  }
}
