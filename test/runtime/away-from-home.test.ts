// awayFromHome (transfer.ts), the one rule every data transfer goes through: to the deployment's
// origin a request goes as given; to any other origin without credential headers and without a
// bewit, and with every other byte of a pre-signed URL unchanged (its signature covers them).
// test/corpus/credentials-home.test.ts checks the same on the wire, path by path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awayFromHome } from '../../templates/runtime/transfer.ts';

const HOME = 'https://tc.example.com';
const HEADERS = { Authorization: 'Hawk id="a", ts="1", nonce="n", mac="m", ext="e"', COOKIE: 's=1', 'proxy-authorization': 'Basic eDp5', 'Content-Type': 'a/b', 'Content-Length': '3' };

test('to the deployment: URL and headers as given', () => {
  const url = `${HOME}/api/queue/v1/task/x/artifacts/y?bewit=abc&z=1`;
  assert.deepEqual(awayFromHome(url, HEADERS, HOME), { url, headers: HEADERS });
});

test('to another origin: no Authorization, Proxy-Authorization or Cookie in any case; no bewit; the rest byte for byte', () => {
  const signed = 'https://bucket.s3.amazonaws.com/a%2Fb/c?X-Amz-Credential=AK%2F2030%2Fus-east-1&bewit=abc&X-Amz-Signature=f00d';
  assert.deepEqual(awayFromHome(signed, HEADERS, HOME), {
    url: 'https://bucket.s3.amazonaws.com/a%2Fb/c?X-Amz-Credential=AK%2F2030%2Fus-east-1&X-Amz-Signature=f00d',
    headers: { 'Content-Type': 'a/b', 'Content-Length': '3' },
  });
  // A bewit however spelled (case, percent-encoding), first, last or alone.
  for (const [url, expected] of [
    ['https://cdn.example.com/x?Bewit=1', 'https://cdn.example.com/x'],
    ['https://cdn.example.com/x?%62ewit=1&k=v', 'https://cdn.example.com/x?k=v'],
    ['https://cdn.example.com/x?k=v&bewit', 'https://cdn.example.com/x?k=v'],
    ['https://cdn.example.com/x?k=bewit', 'https://cdn.example.com/x?k=bewit'],
  ]) {
    assert.equal(awayFromHome(url!, {}, HOME).url, expected, url);
  }
  // Another port or scheme is another origin.
  assert.equal(awayFromHome('https://tc.example.com:8443/x?bewit=1', HEADERS, HOME).headers.Authorization, undefined);
  assert.equal(awayFromHome('http://tc.example.com/x?bewit=1', {}, HOME).url, 'http://tc.example.com/x');
});
