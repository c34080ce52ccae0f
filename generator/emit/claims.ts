// The emitted declarations are formatted on both threads (emit-thread.ts, emit-worker.ts): each
// claims the next file from one Int32 both share, until none is left, so that whichever thread is
// free first takes the next file.

/**
 * Formats the files of `declarations` (path, text; the same list, in the same order, on both
 * threads) whose index this thread claims from `nextClaim` (an Int32Array over shared memory).
 * Returns those it formatted; throws what `format` throws.
 */
export async function formatClaimed(nextClaim: Int32Array, declarations: ReadonlyArray<readonly [string, string]>, format: (file: string, text: string) => Promise<string>): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (let index = Atomics.add(nextClaim, 0, 1); index < declarations.length; index = Atomics.add(nextClaim, 0, 1)) {
    const [file, text] = declarations[index]!;
    formatted.set(file, await format(file, text));
  }
  return formatted;
}
