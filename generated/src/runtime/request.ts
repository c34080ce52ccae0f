// One HTTP attempt over undici: per-attempt timeout, immediate cancellation by the
// caller's signal, the whole body read as text. Redirects are never followed (undici's
// dispatcher.request does not follow them), so credentials only ever go to rootUrl's origin.
import type { Dispatcher } from 'undici';
import { abortReason } from './retry.js';

export interface AttemptRequest {
  dispatcher: Dispatcher;
  origin: string;
  /** Path and query as sent on the request line (and signed). */
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  timeout: number;
  signal: AbortSignal | undefined;
}

export interface AttemptResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A failure without a usable response: connection error or timeout. */
export class TransportFailure extends Error {
  constructor(
    readonly timedOut: boolean,
    readonly transportCode: string,
    options: { cause: unknown },
  ) {
    super('transport failure', options);
  }
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ECONNERROR';
}

export async function attempt(req: AttemptRequest): Promise<AttemptResponse> {
  const { signal } = req;
  if (signal?.aborted) throw abortReason(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeout);
  const onAbort = (): void => controller.abort();
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
