// The query string as node:querystring's stringify writes it, without node:querystring, so that
// the same code runs in browsers: keys in object order, encodeURIComponent on keys and values (a
// space is %20, not +), arrays as repeated keys (an empty array leaves its key out), strings,
// finite numbers, bigints and booleans as text, anything else as an empty value. One difference:
// ' is written %27, as the WHATWG URL parser writes it in an http(s) query. fetch (browsers and
// Node) and got (the official client, which signs and sends that form) send %27 whatever the text
// said, so a Hawk MAC over ' would not match the request line the server sees.
// test/runtime/platform.test.ts checks it against Node's.

function text(value: unknown): string {
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

/** encodeURIComponent, then ' as %27 (the WHATWG special-query percent-encode set adds it). */
function encode(text: string): string {
  return encodeURIComponent(text).replaceAll("'", '%27');
}

/** `k=v&k2=v2` (no leading `?`) for a plain object; '' for anything else. */
export function stringify(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const fields: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const name = encode(key) + '=';
    if (Array.isArray(value)) {
      for (const item of value) fields.push(name + encode(text(item)));
    } else {
      fields.push(name + encode(text(value)));
    }
  }
  return fields.join('&');
}
