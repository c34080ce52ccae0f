// The User-Agent every request carries: the generated package's version, then the platform's.
// Kept apart from the transport so that each transport (undici, fetch) sends the same value.
import type { ServiceDefinition } from './types.js';

/** `tcgen-client/<package version> node/<Node.js version>`; the platform part only where it is known. */
export function userAgent(service: ServiceDefinition): string {
  const node = typeof process === 'object' ? process.versions?.node : undefined;
  return `tcgen-client/${service.packageVersion ?? '0.0.0'}${node ? ` node/${node}` : ''}`;
}
