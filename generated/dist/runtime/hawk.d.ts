/** What signing needs about a request target, computed once per client. */
export interface HawkTarget {
  /** Lower-cased host name, without IPv6 brackets (hawk uses url.parse's hostname). */
  host: string;
  /** Explicit port, or 80/443 from the scheme, as hawk does. */
  port: string;
}
export declare function hawkTarget(url: URL): HawkTarget;
export interface HeaderInput {
  clientId: string;
  accessToken: string;
  method: string;
  /** Path and query, exactly as sent on the request line. */
  resource: string;
  target: HawkTarget;
  /** Base64 ext, or undefined for none. */
  ext: string | undefined;
  /** Unix seconds; defaults to now (tests pin it). */
  ts?: number;
  nonce?: string;
}
/** The `Authorization` header value for one attempt (fresh ts and nonce each time). Node only (synchronous HMAC). */
export declare function hawkHeader(input: HeaderInput): string;
/** hawkHeader on every platform. */
export declare function hawkHeaderAsync(input: HeaderInput): Promise<string>;
export interface BewitInput {
  clientId: string;
  accessToken: string;
  resource: string;
  target: HawkTarget;
  ext: string | undefined;
  /** Seconds from now until the URL stops working. */
  ttlSec: number;
  now?: number;
}
/** A bewit for a GET URL, as hawk.client.getBewit builds it. Node only (synchronous HMAC). */
export declare function hawkBewit(input: BewitInput): string;
/** hawkBewit on every platform. */
export declare function hawkBewitAsync(input: BewitInput): Promise<string>;
/**
 * Taskcluster's ext: base64 of JSON `{certificate, authorizedScopes}` holding only what is
 * set (key order as the official client), or undefined when there is nothing to send.
 */
export declare function buildExt(
  certificate: object | undefined,
  authorizedScopes: readonly string[] | undefined,
): string | undefined;
