/**
 * The most bytes a compressed response may decode to (256 MiB): a small body that expands
 * without bound (a decompression bomb) fails instead of exhausting memory. Larger than any
 * Taskcluster API answer, and within what one JavaScript string can hold.
 */
export declare const MAX_DECODED_BYTES: number;
/** Why a body could not be decoded; the transport reports it as `InvalidResponseBody`. */
export declare class BodyDecodingError extends Error {
  readonly encoding: string;
  constructor(
    message: string,
    encoding: string,
    options?: {
      cause: unknown;
    },
  );
}
/** The codings of a Content-Encoding header, lower-case, in the order they were applied. */
export declare function contentCodings(header: string | string[] | undefined): string[];
/**
 * `body` with every coding of `header` undone (last applied, first undone).
 * @throws BodyDecodingError naming the coding: corrupt or truncated data, an unknown coding, or
 *   more than `maxBytes` decoded.
 */
export declare function decodeBody(
  body: Buffer,
  header: string | string[] | undefined,
  maxBytes?: number,
): Promise<Buffer>;
