// The query string as node:querystring's stringify writes it (which the official client uses),
// without node:querystring, so that the same code runs in browsers: keys in object order,
// encodeURIComponent on keys and values (a space is %20, not +), arrays as repeated keys
// (an empty array leaves its key out), strings, finite numbers, bigints and booleans as text,
// anything else as an empty value. test/runtime/querystring.test.ts checks it against Node's.
function text(value) {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return '';
  }
}
/** `k=v&k2=v2` (no leading `?`) for a plain object; '' for anything else. */
export function stringify(query) {
  if (typeof query !== 'object' || query === null) return '';
  const fields = [];
  for (const [key, value] of Object.entries(query)) {
    const name = encodeURIComponent(key) + '=';
    if (Array.isArray(value)) {
      for (const item of value) fields.push(name + encodeURIComponent(text(item)));
    } else {
      fields.push(name + encodeURIComponent(text(value)));
    }
  }
  return fields.join('&');
}
