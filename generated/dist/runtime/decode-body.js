// Content-Encoding of API responses on Node (transport-node.ts): Taskcluster's services gzip a
// response of 1 KiB or more when asked (the `compression` middleware, taskcluster/taskcluster
// libraries/api/src/api.js, since 100.3.0); browsers and fetch decode by themselves. gzip,
// deflate (zlib or raw, as servers send both) and br are decoded, each coding of a list in
// reverse order (RFC 9110 section 8.4), with a cap on the decoded size.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);
/**
 * The most bytes a compressed response may decode to (256 MiB): a small body that expands
 * without bound (a decompression bomb) fails instead of exhausting memory. Larger than any
 * Taskcluster API answer, and within what one JavaScript string can hold.
 */
export const MAX_DECODED_BYTES = 256 * 1024 * 1024;
/** Why a body could not be decoded; the transport reports it as `InvalidResponseBody`. */
export class BodyDecodingError extends Error {
  encoding;
  constructor(message, encoding, options) {
    super(message, options);
    this.encoding = encoding;
    this.name = 'BodyDecodingError';
  }
}
/** `deflate` as RFC 9110 means it (zlib), or raw deflate as some servers send it. */
async function inflateEither(input, options) {
  // A zlib stream starts with CM = 8 in its first byte's low nibble and a header checksum.
  const zlibHeader = input.length >= 2 && (input[0] & 0x0f) === 8 && ((input[0] << 8) | input[1]) % 31 === 0;
  return zlibHeader ? inflateAsync(input, options) : inflateRawAsync(input, options);
}
async function decodeOne(coding, input, maxBytes) {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipAsync(input, { maxOutputLength: maxBytes });
    case 'deflate':
      return inflateEither(input, { maxOutputLength: maxBytes });
    case 'br':
      return brotliAsync(input, { maxOutputLength: maxBytes });
    case 'identity':
      return input;
    default:
      throw new BodyDecodingError(
        `the response has Content-Encoding ${JSON.stringify(coding)}, which this client does not decode (it asks for gzip)`,
        coding,
      );
  }
}
/** The codings of a Content-Encoding header, lower-case, in the order they were applied. */
export function contentCodings(header) {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined) return [];
  return value
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
}
/**
 * `body` with every coding of `header` undone (last applied, first undone).
 * @throws BodyDecodingError naming the coding: corrupt or truncated data, an unknown coding, or
 *   more than `maxBytes` decoded.
 */
export async function decodeBody(body, header, maxBytes = MAX_DECODED_BYTES) {
  let result = body;
  for (const coding of contentCodings(header).reverse()) {
    try {
      result = await decodeOne(coding, result, maxBytes);
    } catch (error) {
      if (error instanceof BodyDecodingError) throw error;
      const tooLarge = error.code === 'ERR_BUFFER_TOO_LARGE';
      const detail = tooLarge ? `it decodes to more than ${maxBytes} bytes` : error.message;
      throw new BodyDecodingError(`the ${coding}-encoded response body could not be decoded: ${detail}`, coding, {
        cause: error,
      });
    }
  }
  return result;
}
