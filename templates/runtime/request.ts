// One HTTP attempt over undici: per-attempt timeout, immediate cancellation by the
// caller's signal, the whole body read as text. Redirects are never followed (undici's
// dispatcher.request does not follow them), so credentials only ever go to rootUrl's origin.
import { EventEmitter } from 'node:events';
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
  /** Read the body as bytes (entries whose output is a blob); `text` is then only set for errors. */
  binary?: boolean | undefined;
}

export interface AttemptResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body, when the request was `binary`. */
  bytes?: ArrayBuffer | undefined;
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
  // undici accepts an EventEmitter as `signal`; listening on one costs far less than on an
  // AbortSignal (EventTarget), and this is paid on every request (see the throughput target).
  const cancel = new EventEmitter();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    cancel.emit('abort');
  }, req.timeout);
  const onAbort = (): void => {
    cancel.emit('abort');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await req.dispatcher.request({
      origin: req.origin,
      path: req.path,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: cancel,
    });
    if (req.binary) {
      const bytes = await res.body.arrayBuffer();
      const text = res.statusCode >= 200 && res.statusCode < 300 ? '' : new TextDecoder().decode(bytes);
      return { statusCode: res.statusCode, headers: res.headers, text, bytes };
    }
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
