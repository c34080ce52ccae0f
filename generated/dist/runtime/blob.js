/** The body of a 2xx response to a blob entry, read by attempt() with `binary: true`. */
export function blobResult(res) {
  const type = res.headers['content-type'];
  return new Blob([res.bytes ?? new ArrayBuffer(0)], { type: (Array.isArray(type) ? type[0] : type) ?? '' });
}
