import { parseCertificate } from './credentials.js';
import { createDispatcher } from './request.js';
import { buildExt, hawkTarget } from './hawk.js';
import { RETRY_DEFAULTS, validateRetryOptions } from './retry.js';
import { isStringArray } from './args.js';
import { parseRootUrl, servicePrefix } from './url.js';
import { userAgent } from './user-agent.js';
function signingCredentials(options) {
  const creds = options.credentials;
  // As the official client: no clientId means unauthenticated calls.
  if (creds === undefined || creds === null || !creds.clientId) return undefined;
  if (typeof creds.clientId !== 'string' || typeof creds.accessToken !== 'string' || creds.accessToken === '') {
    throw new TypeError('credentials.clientId and credentials.accessToken must both be non-empty strings');
  }
  return { clientId: creds.clientId, accessToken: creds.accessToken, certificate: parseCertificate(creds.certificate) };
}
function retryOptions(options) {
  const retry = {
    retries: options.retries ?? RETRY_DEFAULTS.retries,
    delayFactor: options.delayFactor ?? RETRY_DEFAULTS.delayFactor,
    randomizationFactor: options.randomizationFactor ?? RETRY_DEFAULTS.randomizationFactor,
    maxDelay: options.maxDelay ?? RETRY_DEFAULTS.maxDelay,
  };
  const timeout = options.timeout ?? 30_000;
  validateRetryOptions({ ...retry, timeout });
  return { retry, timeout };
}
export function createState(service, options) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${service.serviceName}: options with a rootUrl are required`);
  }
  const root = parseRootUrl(options.rootUrl);
  const credentials = signingCredentials(options);
  if (options.authorizedScopes !== undefined && !isStringArray(options.authorizedScopes)) {
    throw new TypeError('authorizedScopes must be an array of strings');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError('signal must be an AbortSignal');
  }
  if (options.traceId !== undefined && (typeof options.traceId !== 'string' || /[\r\n]/.test(options.traceId))) {
    throw new TypeError('traceId must be a string without line breaks');
  }
  // ext is only sent with credentials, as in the official client.
  const ext = credentials ? buildExt(credentials.certificate, options.authorizedScopes) : undefined;
  return {
    service,
    origin: root.origin,
    prefix: servicePrefix(root, service.serviceName, service.apiVersion),
    target: hawkTarget(root),
    credentials,
    ext,
    ...retryOptions(options),
    // One keep-alive pool per client unless the caller brings a dispatcher (tests, proxies).
    dispatcher: options.dispatcher ?? createDispatcher(),
    ownsDispatcher: options.dispatcher === undefined,
    signal: options.signal,
    userAgent: userAgent(service),
    traceId: options.traceId || undefined,
    validate: options.validate,
  };
}
