import { abortReason } from './retry.js';
/** A failure without a usable response: connection error or timeout. */
export class TransportFailure extends Error {
  timedOut;
  transportCode;
  constructor(timedOut, transportCode, options) {
    super('transport failure', options);
    this.timedOut = timedOut;
    this.transportCode = transportCode;
  }
}
function errorCode(err) {
  const code = err?.code;
  return typeof code === 'string' ? code : 'ECONNERROR';
}
export async function attempt(req) {
  const { signal } = req;
  if (signal?.aborted) throw abortReason(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await req.dispatcher.request({
      origin: req.origin,
      path: req.path,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: controller.signal,
    });
    const text = await res.body.text();
    return { statusCode: res.statusCode, headers: res.headers, text };
  } catch (err) {
    if (signal?.aborted) throw abortReason(signal);
    // ECONNABORTED for timeouts, as the official client labels got's TimeoutError.
    if (timedOut) throw new TransportFailure(true, 'ECONNABORTED', { cause: err });
    throw new TransportFailure(false, errorCode(err), { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
