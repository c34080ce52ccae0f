import { TaskclusterError, redact } from './errors.js';
import { buildExt, hawkHeaderAsync } from './hawk.js';
import { TransportFailure, attempt } from './request.js';
import { isAnswerStatus, isRetriableStatus, responseError, responseResult } from './response.js';
import { blobResult } from './blob.js';
import { withScopeDetails } from './scope-errors.js';
import { abortReason, backoffDelay, retryAfterDelay, sleep } from './retry.js';
/** The client's and the call's signals as one (either cancels the call). */
function callSignal(state, call) {
  const own = call.options?.signal;
  if (!own) return state.signal;
  if (!state.signal) return own;
  return AbortSignal.any([state.signal, own]);
}
function callExt(state, call) {
  const scopes = call.options?.authorizedScopes;
  if (!state.credentials || scopes === undefined) return state.ext;
  return buildExt(state.credentials.certificate, scopes);
}
/**
 * Request headers for one attempt; signed afresh each time (new ts and nonce). Async: Web Crypto is.
 * The fetch transport (browsers) drops those a cross-origin call may not carry (User-Agent, Accept-Encoding).
 */
async function headers(state, entry, path, ext, json) {
  // gzip, as Taskcluster's services compress (their `compression` middleware); the Node transport
  // decodes it, and the fetch transport leaves the header to the platform (not a CORS-safe header).
  const result = { 'user-agent': state.userAgent, 'accept-encoding': 'gzip' };
  if (json) result['content-type'] = 'application/json';
  if (state.traceId !== undefined) result['x-taskcluster-trace-id'] = state.traceId;
  const creds = state.credentials;
  if (creds) {
    result.authorization = await hawkHeaderAsync({
      clientId: creds.clientId,
      accessToken: creds.accessToken,
      method: entry.method,
      resource: path,
      target: state.target,
      ext,
    });
  }
  return result;
}
function transportError(failure, line, timeout) {
  const cause = failure.cause;
  const detail = failure.timedOut
    ? `timed out after ${timeout} ms`
    : `failed: ${String(cause?.message ?? failure.transportCode)}`;
  return new TaskclusterError({
    message: redact(`${line.method} ${line.url} ${detail}`, line.secret),
    code: failure.transportCode,
    method: line.method,
    url: line.url,
    retries: 0,
    cause: failure.cause,
  });
}
function classify(state, entry, res, line) {
  if (isAnswerStatus(res.statusCode)) {
    // A blob entry promises the body: a redirect (never followed) cannot keep that promise.
    if (entry.output === 'blob')
      return res.statusCode < 300
        ? { ok: true, value: blobResult(res) }
        : { ok: false, error: responseError(res, line), retriable: false };
    try {
      return { ok: true, value: responseResult(entry, res, line) };
    } catch (error) {
      // An answer we cannot read will not improve by asking again.
      return { ok: false, error: error, retriable: false };
    }
  }
  const error = withScopeDetails(responseError(res, line), entry, state.credentials?.clientId);
  const retriable = isRetriableStatus(res.statusCode);
  const delay = res.statusCode === 429 ? retryAfterDelay(res.headers['retry-after'], state.retry.maxDelay) : undefined;
  return { ok: false, error, retriable, delay };
}
export async function runCall(state, entry, call) {
  const path = state.prefix + call.route;
  const line = { method: entry.method, url: state.origin + path, secret: state.credentials?.accessToken };
  const signal = callSignal(state, call);
  const ext = callExt(state, call);
  // Opt-in schema validation: an invalid payload rejects here, before anything is sent.
  const validate = call.options?.validate === false ? undefined : (call.options?.validate ?? state.validate);
  const context = validate && {
    serviceName: state.service.serviceName,
    entry,
    rootUrl: state.origin + state.prefix.replace(/\/api\/[^/]+\/[^/]+$/, ''),
  };
  if (validate && entry.input) await validate.checkRequest(context, call.payload);
  const body = entry.input ? JSON.stringify(call.payload) : undefined;
  for (let n = 1; ; n++) {
    let outcome;
    try {
      const res = await attempt({
        dispatcher: state.dispatcher,
        origin: state.origin,
        path,
        method: entry.method,
        headers: await headers(state, entry, path, ext, body !== undefined),
        body,
        timeout: state.timeout,
        signal,
        binary: entry.output === 'blob',
      });
      outcome = classify(state, entry, res, line);
    } catch (err) {
      if (!(err instanceof TransportFailure)) throw err; // aborted by the caller
      outcome = { ok: false, error: transportError(err, line, state.timeout), retriable: true };
    }
    if (outcome.ok)
      return validate && entry.output === true ? validate.checkResponse(context, outcome.value) : outcome.value;
    outcome.error.retries = n - 1;
    if (!outcome.retriable || n > state.retry.retries) throw outcome.error;
    await sleep(outcome.delay ?? backoffDelay(n, state.retry), signal);
    if (signal?.aborted) throw abortReason(signal);
  }
}
