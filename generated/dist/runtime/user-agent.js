// The User-Agent every request carries: the generated package's version, then the platform's.
// Kept apart from the transport so that each transport (undici, fetch) sends the same value.
// The Node.js version comes from `#runtime/env`, so that a browser bundle never names `process`
// (browsers do not let a page set User-Agent: the fetch transport drops it).
import { nodeVersion } from '#runtime/env';
/** `tcgen-client/<package version> node/<Node.js version>`; the platform part only where it is known. */
export function userAgent(service) {
  const node = nodeVersion();
  return `tcgen-client/${service.packageVersion ?? '0.0.0'}${node ? ` node/${node}` : ''}`;
}
