import { apiReference, entry, objectSchema, runCases, xTree, type BadCase } from './helpers.ts';

const withInput = (input: string) => apiReference([entry({ name: 'make', method: 'post', route: '/make', input })]);

/** Valid shapes that cannot become code: names that are not identifiers, class names that clash (type names never fail: test/generator/names.test.ts). */
const CASES: BadCase[] = [
  {
    name: 'a service name that starts with a digit',
    tree: xTree(apiReference([entry()], { serviceName: '9lives' })),
    lines: [
      'references/references/x/v1/api.json#/serviceName: service name "9lives" cannot name a module and class (letters, digits, "-" and "_", starting with a letter)',
    ],
  },
  {
    name: 'a service name that is one of the package\'s own subpaths',
    tree: xTree(apiReference([entry()], { serviceName: 'pulse' })),
    lines: ['references/references/x/v1/api.json#/serviceName: service name "pulse" would take the package\'s own "./pulse" export'],
  },
  {
    name: 'a service name with spaces and a slash',
    tree: xTree(apiReference([entry()], { serviceName: 'purge cache/../x' })),
    lines: [
      'references/references/x/v1/api.json#/serviceName: service name "purge cache/../x" cannot name a module and class (letters, digits, "-" and "_", starting with a letter)',
    ],
  },
  {
    name: 'entry names that are reserved words, client members or not identifiers',
    tree: xTree(
      apiReference([
        entry({ name: 'delete', route: '/a' }),
        entry({ name: 'constructor', route: '/b' }),
        entry({ name: 'buildUrl', route: '/c' }),
        entry({ name: '2fa', route: '/d' }),
        entry({ name: 'purge-cache', route: '/e' }),
        entry({ name: '__proto__', route: '/f' }),
        entry({ name: 'use', route: '/g' }),
        entry({ name: 'taskclusterPerRequestInstance', route: '/h' }),
        entry({ name: 'then', route: '/i' }),
        entry({ name: 'toString', route: '/j' }),
        entry({ name: 'hasOwnProperty', route: '/k' }),
      ]),
    ),
    lines: [
      'references/references/x/v1/api.json#/entries/0/name: entry name "delete" cannot name a method: it is a reserved word in JavaScript or the generated code',
      'references/references/x/v1/api.json#/entries/1/name: entry name "constructor" cannot name a method: it is a reserved word in JavaScript or the generated code',
      "references/references/x/v1/api.json#/entries/2/name: entry name \"buildUrl\" cannot name a method: it would shadow a member of the runtime's Client",
      'references/references/x/v1/api.json#/entries/3/name: entry name "2fa" cannot name a method: expected an identifier (letters, digits, "_" and "$", not starting with a digit)',
      'references/references/x/v1/api.json#/entries/4/name: entry name "purge-cache" cannot name a method: expected an identifier (letters, digits, "_" and "$", not starting with a digit)',
      'references/references/x/v1/api.json#/entries/5/name: entry name "__proto__" cannot name a method: it is a reserved word in JavaScript or the generated code',
      "references/references/x/v1/api.json#/entries/6/name: entry name \"use\" cannot name a method: it would shadow a member of the runtime's Client",
      "references/references/x/v1/api.json#/entries/7/name: entry name \"taskclusterPerRequestInstance\" cannot name a method: it would shadow a member of the runtime's Client",
      'references/references/x/v1/api.json#/entries/8/name: entry name "then" cannot name a method: a client with a then method is a thenable: awaiting it, or resolving a promise with it, would call the method',
      'references/references/x/v1/api.json#/entries/9/name: entry name "toString" cannot name a method: it would shadow Object.prototype.toString, which the client inherits',
      'references/references/x/v1/api.json#/entries/10/name: entry name "hasOwnProperty" cannot name a method: it would shadow Object.prototype.hasOwnProperty, which the client inherits',
    ],
  },
  {
    name: 'two api references for one service',
    tree: {
      '/references/manifest.json': { references: ['/references/x/v1/api.json', '/references/x/v2/api.json'] },
      '/references/x/v1/api.json': apiReference([entry()]),
      '/references/x/v2/api.json': apiReference([entry()], { apiVersion: 'v2' }),
    },
    lines: [
      'references/references/x/v2/api.json#/serviceName: a second api reference for service "x" (the first is references/references/x/v1/api.json)',
    ],
  },
  {
    name: 'two services whose class names would be the same',
    tree: {
      '/references/manifest.json': { references: ['/references/a/v1/api.json', '/references/b/v1/api.json'] },
      '/references/a/v1/api.json': apiReference([entry()], { serviceName: 'purge-cache' }),
      '/references/b/v1/api.json': apiReference([entry()], { serviceName: 'purge_cache' }),
    },
    lines: [
      'references/references/b/v1/api.json#/serviceName: services "purge-cache" and "purge_cache" would both be named PurgeCache',
    ],
  },
  {
    name: 'a schema that is not an object or boolean',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: 'string', b: { type: 'array', items: [1] } }) }),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a: expected a schema (an object or boolean), found "string"',
      'references/schemas/x/v1/in.json#/properties/b/items/0: expected a schema (an object or boolean), found 1',
    ],
  },
  {
    name: 'a $ref that is not a string',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: 42 } }) }),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a/$ref: expected a $ref URL string, found 42',
    ],
  },
];

runCases(CASES);
