import { fileURLToPath } from 'node:url';

/**
 * The embedded default input (the seed-era purge-cache reference), found next to tcgen itself
 * (`references/` beside `generator/` and `lib/`), not in the current directory: `tcgen generate`
 * without `--references` works from any directory. An absolute path, so messages name it whole.
 */
export const EMBEDDED_REFERENCES: string = fileURLToPath(new URL('../../references', import.meta.url));
