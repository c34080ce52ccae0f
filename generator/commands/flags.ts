// Checks of flag values shared by the commands: a bad value is a usage error (exit 2) that names the flag.

/** Why `value` cannot be given as `--root-url`, or undefined when it can: an absolute http(s) URL. */
export function rootUrlFlagProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `--root-url ${JSON.stringify(value)} is not a URL (expected e.g. https://tc.example.com)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--root-url ${JSON.stringify(value)} is not an http or https URL`;
  return undefined;
}
