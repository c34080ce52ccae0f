// Node: one HTTP attempt over undici (measured ~3x faster than fetch at 16 concurrent requests).
// Redirects are never followed (undici's dispatcher.request does not follow them), so
// credentials only ever go to rootUrl's origin. Compressed answers (the call asks for gzip) are
// decoded here (decode-body.ts, loaded at the first): undici's request API, unlike fetch, does not.
// Selected by the `node` condition of `#runtime/transport`.
import { EventEmitter } from 'node:events';
import type { Agent, Dispatcher } from 'undici';
import { TaskclusterError } from './errors.js';
import { abortReason } from './retry.js';
import { TransportFailure, type Attempt, type AttemptRequest, type AttemptResponse, type CreateDispatcher } from './transport.js';

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
/**
 * undici loads at the first request, not at import: its import is ~130 ms, which every process
 * importing a client paid (CLI starts, serverless cold starts, test files), even one that never calls.
 */
const loadUndici = (): Promise<Undici> => (undici ??= import('undici'));

type DecodeBody = typeof import('./decode-body.js');
let decodeBodyModule: Promise<DecodeBody> | undefined;
/** node:zlib (decode-body.ts) loads at the first compressed answer, not at import, as undici does. */
const loadDecodeBody = (): Promise<DecodeBody> => (decodeBodyModule ??= import('./decode-body.js'));

/**
 * The client's own keep-alive pool, an undici Agent made at its first request. The runtime calls
 * only `request` (promise form) and `close` on the dispatcher it creates; a dispatcher you pass in is used as it is.
 */
class LazyAgent {
  #agent: Agent | undefined;
  #loading: Promise<Agent> | undefined;
  #agentNow(): Promise<Agent> {
    return (this.#loading ??= loadUndici().then(({ Agent }) => (this.#agent = new Agent())));
  }
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
    // Once made, the agent is called directly: no extra await per request.
    return this.#agent ? this.#agent.request(options) : this.#agentNow().then((agent) => agent.request(options));
  }
  async close(): Promise<void> {
    if (this.#loading) await (await this.#loading).close();
  }
  async destroy(): Promise<void> {
    if (this.#loading) await (await this.#loading).destroy();
  }
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ECONNERROR';
}

/** One keep-alive pool per client (made at its first request). */
export const createDispatcher: CreateDispatcher = () => new LazyAgent() as unknown as Dispatcher;

export const attempt: Attempt = async (req) => {
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
    const res = await (req.dispatcher ?? (await loadUndici()).getGlobalDispatcher()).request({
      origin: req.origin,
      path: req.path,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: cancel,
    });
    const encoding = res.headers['content-encoding'];
    if (encoding !== undefined) return await decoded(req, res, encoding);
    if (req.binary) {
      const bytes = await res.body.arrayBuffer();
      const text = res.statusCode >= 200 && res.statusCode < 300 ? '' : new TextDecoder().decode(bytes);
      return { statusCode: res.statusCode, headers: res.headers, text, bytes };
    }
    const text = await res.body.text();
    return { statusCode: res.statusCode, headers: res.headers, text };
  } catch (err) {
    if (signal?.aborted) throw abortReason(signal);
    if (err instanceof TaskclusterError) throw err;
    // ECONNABORTED for timeouts, as the official client labels got's TimeoutError.
    if (timedOut) throw new TransportFailure(true, 'ECONNABORTED', { cause: err });
    throw new TransportFailure(false, errorCode(err), { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
};

/**
 * A Content-Encoding answer, decoded (gzip, deflate, br). A body that does not decode is no
 * network failure: it rejects with `InvalidResponseBody` (not retried), as a JSON body that does
 * not parse does.
 */
async function decoded(req: AttemptRequest, res: Dispatcher.ResponseData, encoding: string | string[]): Promise<AttemptResponse> {
  const raw = Buffer.from(await res.body.arrayBuffer());
  // No body (a 204, say) has nothing to decode, whatever the header says.
  const body = raw.length === 0 ? raw : await decodedBody(req, res, raw, encoding);
  const success = res.statusCode >= 200 && res.statusCode < 300;
  if (req.binary) {
    const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    return { statusCode: res.statusCode, headers: res.headers, text: success ? '' : body.toString('utf8'), bytes };
  }
  return { statusCode: res.statusCode, headers: res.headers, text: body.toString('utf8') };
}

/** `raw` decoded; one that does not decode is the caller's TaskclusterError `InvalidResponseBody`. */
async function decodedBody(req: AttemptRequest, res: Dispatcher.ResponseData, raw: Buffer, encoding: string | string[]): Promise<Buffer> {
  const { BodyDecodingError, decodeBody } = await loadDecodeBody();
  try {
    return await decodeBody(raw, encoding);
  } catch (error) {
    if (!(error instanceof BodyDecodingError)) throw error;
    const url = req.origin + req.path;
    throw new TaskclusterError({
      message: `${req.method} ${url} (HTTP ${res.statusCode}): ${error.message}`,
      statusCode: res.statusCode,
      code: 'InvalidResponseBody',
      method: req.method,
      url,
      retries: 0,
      cause: error,
    });
  }
}
