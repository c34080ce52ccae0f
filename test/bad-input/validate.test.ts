import { apiReference, entry, runCases, xTree, type BadCase } from './helpers.ts';

const EXCHANGES = '/schemas/common/exchanges-reference-v0.json#';

/** References whose shape is wrong: each problem at its pointer, every problem of the run listed. */
const CASES: BadCase[] = [
  {
    name: 'an unknown $schema kind',
    tree: xTree(apiReference([entry()], { $schema: '/schemas/common/api-reference-v9.json#' })),
    lines: [
      'references/references/x/v1/api.json#/$schema: unknown reference kind: expected the $schema of an api, exchanges, logs or metrics reference ("/schemas/common/api-reference-v0.json#", "/schemas/common/exchanges-reference-v0.json#", "/schemas/common/logs-reference-v0.json#", "/schemas/common/metrics-reference-v0.json#"), found "/schemas/common/api-reference-v9.json#"',
    ],
  },
  {
    name: 'no $schema at all',
    tree: xTree(apiReference([entry()], { $schema: undefined })),
    lines: [
      'references/references/x/v1/api.json#/$schema: unknown reference kind: expected the $schema of an api, exchanges, logs or metrics reference ("/schemas/common/api-reference-v0.json#", "/schemas/common/exchanges-reference-v0.json#", "/schemas/common/logs-reference-v0.json#", "/schemas/common/metrics-reference-v0.json#"), found nothing',
    ],
  },
  {
    name: 'an entry missing name, method and route: three lines',
    tree: xTree(apiReference([entry({ name: undefined, method: undefined, route: undefined })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/method: expected a non-empty string, found nothing',
      'references/references/x/v1/api.json#/entries/0/name: expected a non-empty string, found nothing',
      'references/references/x/v1/api.json#/entries/0/route: expected a non-empty string, found nothing',
    ],
  },
  {
    name: 'an empty entry name and a route that is a number',
    tree: xTree(apiReference([entry({ name: '', route: 42 })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/name: expected a non-empty string, found ""',
      'references/references/x/v1/api.json#/entries/0/route: expected a non-empty string, found 42',
    ],
  },
  {
    name: 'a route parameter that is not in args',
    tree: xTree(apiReference([entry({ name: 'get', route: '/thing/<thingId>/<part>', args: ['thingId'] })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/route: route parameter <part> is not listed in args',
    ],
  },
  {
    name: 'an arg that is not in the route, and one listed twice',
    tree: xTree(apiReference([entry({ name: 'get', route: '/thing/<thingId>', args: ['thingId', 'other', 'thingId'] })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/args/1: arg "other" does not appear in the route "/thing/<thingId>"',
      'references/references/x/v1/api.json#/entries/0/args/2: arg "thingId" is listed twice',
    ],
  },
  {
    name: 'duplicate entry names',
    tree: xTree(apiReference([entry(), entry({ route: '/ping2' }), entry({ name: 'other', route: '/o' }), entry({ route: '/ping3' })])),
    lines: [
      'references/references/x/v1/api.json#/entries/1/name: duplicate entry name "ping" (first at /entries/0)',
      'references/references/x/v1/api.json#/entries/3/name: duplicate entry name "ping" (first at /entries/0)',
    ],
  },
  {
    name: 'an unknown HTTP method, and one that is not a string',
    tree: xTree(apiReference([entry({ method: 'fetch' }), entry({ name: 'b', route: '/b', method: ['get'] })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/method: unknown HTTP method: expected one of get, post, put, delete, patch, found "fetch"',
      'references/references/x/v1/api.json#/entries/1/method: expected a non-empty string, found ["get"]',
    ],
  },
  {
    name: 'entries that is not an array',
    tree: xTree(apiReference([], { entries: { ping: entry() } })),
    lines: [
      'references/references/x/v1/api.json#/entries: expected an array, found {"ping":{"type":"function","name":"ping","title":"Ping","…',
    ],
  },
  {
    name: 'an entry that is not an object',
    tree: xTree(apiReference([entry(), 'ping', null])),
    lines: [
      'references/references/x/v1/api.json#/entries/1: expected an object, found "ping"',
      'references/references/x/v1/api.json#/entries/2: expected an object, found null',
    ],
  },
  {
    name: 'args and query that are not arrays of strings, input that is not a string',
    tree: xTree(apiReference([entry({ args: 'a', query: [1], input: 5 })])),
    lines: [
      'references/references/x/v1/api.json#/entries/0/args: expected an array of strings, found "a"',
      'references/references/x/v1/api.json#/entries/0/query: expected an array of strings, found [1]',
      'references/references/x/v1/api.json#/entries/0/input: expected a string, found 5',
    ],
  },
  {
    name: 'no serviceName or apiVersion',
    tree: xTree(apiReference([entry()], { serviceName: undefined, apiVersion: '' })),
    lines: [
      'references/references/x/v1/api.json#/serviceName: expected a non-empty string, found nothing',
      'references/references/x/v1/api.json#/apiVersion: expected a non-empty string, found ""',
    ],
  },
  {
    name: 'an exchanges reference without exchangePrefix and with a bad routing key',
    tree: {
      '/references/manifest.json': { references: ['/references/x/v1/exchanges.json'] },
      '/references/x/v1/exchanges.json': {
        $schema: EXCHANGES,
        serviceName: 'x',
        apiVersion: 'v1',
        entries: [{ name: 'thingDone', exchange: 'thing-done', schema: 'v1/m.json#', routingKey: [{ name: 'routingKeyKind', multipleWords: 'no' }, 'taskId'] }],
      },
      '/schemas/x/v1/m.json': { type: 'object' },
    },
    lines: [
      'references/references/x/v1/exchanges.json#/entries/0/routingKey/1: expected an object, found "taskId"',
      'references/references/x/v1/exchanges.json#/entries/0/routingKey/0/multipleWords: expected true or false, found "no"',
      'references/references/x/v1/exchanges.json#/exchangePrefix: expected a non-empty string, found nothing',
    ],
  },
  {
    name: 'problems in two references are all listed',
    tree: {
      '/references/manifest.json': { references: ['/references/x/v1/api.json', '/references/y/v1/api.json'] },
      '/references/x/v1/api.json': apiReference([entry({ method: 'yell' })]),
      '/references/y/v1/api.json': apiReference([entry({ route: '/y/<id>' })], { serviceName: 'y' }),
    },
    lines: [
      'references/references/x/v1/api.json#/entries/0/method: unknown HTTP method: expected one of get, post, put, delete, patch, found "yell"',
      'references/references/y/v1/api.json#/entries/0/route: route parameter <id> is not listed in args',
    ],
  },
];

runCases(CASES);
