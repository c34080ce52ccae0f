/** `tcgen-client/<package version> node/<Node.js version>`; the platform part only where it is known. */
export function userAgent(service) {
  const node = typeof process === 'object' ? process.versions?.node : undefined;
  return `tcgen-client/${service.packageVersion ?? '0.0.0'}${node ? ` node/${node}` : ''}`;
}
