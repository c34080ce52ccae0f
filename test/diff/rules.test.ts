// One synthetic reference pair per classification rule of `tcgen diff`, each with the exact
// JSON report expected (the contract scripts read). Pairs are variations of one small
// deployment (test/diff/helpers.ts), modelled in memory through the generator's own stages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSnapshots, type Change } from '../../generator/diff/diff.ts';
import { baseFiles, snapshotOfFiles, testRules, type DiffRule, type Files } from './helpers.ts';

const ALPHA = '/references/alpha/v1/api.json';
const BETA = '/references/beta/v1/exchanges.json';
const THING = '/schemas/alpha/v1/thing.json';
const REQUEST = '/schemas/alpha/v1/thing-request.json';
const MESSAGE = '/schemas/beta/v1/thing-message.json';
const entry = (files: Files, name: string) => files[ALPHA].entries.find((e: { name: string }) => e.name === name);
const exchange = (files: Files) => files[BETA].entries[0];

const method = (kind: Change['kind'], name: string, cls: Change['class'], reason: string): Change => ({ kind, service: 'alpha', name, class: cls, reason });
const onExchange = (kind: Change['kind'], cls: Change['class'], reason: string): Change => ({ kind, service: 'beta', name: 'thingCreated', class: cls, reason });
const type = (service: string, name: string, pointer: string, cls: Change['class'], reason: string): Change => ({ kind: 'type-changed', service, name, pointer, class: cls, reason });
/** One part of an allOf: an object with one required string property. */
const ALL_OF_PART = (property: string) => ({ type: 'object', properties: { [property]: { type: 'string' } }, required: [property] });
const ROUTING = 'routing-key patterns and code splitting routing keys by position no longer match';
const REACH = 'the new client cannot call a deployment serving the old one';

const RULES: DiffRule[] = [
  // Services
  {
    rule: 'service added (minor)',
    after: (f) => {
      f['/references/manifest.json'].references.push('/references/delta/v1/api.json');
      f['/references/delta/v1/api.json'] = { ...f[ALPHA], serviceName: 'delta', entries: [entry(f, 'ping')] };
    },
    changes: [{ kind: 'service-added', service: 'delta', name: 'delta', class: 'minor', reason: 'new service, class Delta: existing code is unaffected' }],
  },
  {
    rule: 'service removed (major)',
    after: (f) => (f['/references/manifest.json'].references = [ALPHA, '/references/gamma/v1/logs.json']),
    changes: [{ kind: 'service-removed', service: 'beta', name: 'beta', class: 'major', reason: 'service beta removed: code using its class BetaEvents stops compiling' }],
  },
  {
    rule: 'a logs-only reference is not a service',
    after: (f) => {
      f['/references/manifest.json'].references.push('/references/epsilon/v1/logs.json');
      f['/references/epsilon/v1/logs.json'] = { $schema: '/schemas/common/logs-reference-v0.json#', serviceName: 'epsilon', types: [] };
    },
    changes: [],
  },
  // Methods
  {
    rule: 'method added (minor)',
    after: (f) => f[ALPHA].entries.push({ ...entry(f, 'ping'), name: 'listThings', route: '/things' }),
    changes: [method('method-added', 'listThings', 'minor', 'new method, GET /v1/things: existing code is unaffected')],
  },
  {
    rule: 'method removed (major)',
    after: (f) => f[ALPHA].entries.shift(),
    changes: [method('method-removed', 'ping', 'major', 'method ping removed: calls to it stop compiling')],
  },
  {
    rule: 'HTTP method changed (major)',
    after: (f) => (entry(f, 'putThing').method = 'post'),
    changes: [method('method-changed', 'putThing', 'major', `HTTP method changed from PUT to POST: ${REACH}`)],
  },
  {
    rule: 'route changed (major)',
    after: (f) => (entry(f, 'getThing').route = '/things/<thingId>'),
    changes: [method('method-changed', 'getThing', 'major', `route changed from /v1/thing/<thingId> to /v1/things/<thingId>: ${REACH}`)],
  },
  {
    rule: 'route args changed (major)',
    before: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<thingId>/<version>', args: ['thingId', 'version'] }),
    after: (f) => (entry(f, 'getThing').args = ['version', 'thingId']),
    changes: [method('method-changed', 'getThing', 'major', 'route arguments changed from (thingId, version) to (version, thingId): positional arguments of existing calls no longer match')],
  },
  {
    rule: 'route parameter renamed at the same position in route and args (patch: the same requests and calls)',
    after: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<thingName>', args: ['thingName'], scopes: 'alpha:get:<thingName>' }),
    changes: [
      method('method-changed', 'getThing', 'patch', 'route parameter renamed (thingId → thingName) at the same position in the route and the arguments: requests and positional calls are the same, only the documentation changes'),
      method('method-changed', 'getThing', 'patch', 'scopes changed: the service enforces them, the client only documents them'),
    ],
  },
  {
    rule: 'route parameters renamed by swapping their names, positions kept (patch)',
    before: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<thingId>/<version>', args: ['thingId', 'version'] }),
    after: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<version>/<thingId>', args: ['version', 'thingId'] }),
    changes: [method('method-changed', 'getThing', 'patch', 'route parameters renamed (thingId → version, version → thingId) at the same position in the route and the arguments: requests and positional calls are the same, only the documentation changes')],
  },
  {
    rule: 'route parameters reordered in the route, args kept (major: the request changes)',
    before: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<thingId>/<version>', args: ['thingId', 'version'] }),
    after: (f) => (entry(f, 'getThing').route = '/thing/<version>/<thingId>'),
    changes: [method('method-changed', 'getThing', 'major', `route changed from /v1/thing/<thingId>/<version> to /v1/thing/<version>/<thingId>: ${REACH}`)],
  },
  {
    rule: 'route parameter renamed and moved (major)',
    before: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<thingId>/<version>', args: ['thingId', 'version'] }),
    after: (f) => Object.assign(entry(f, 'getThing'), { route: '/thing/<release>/<thingId>', args: ['thingId', 'release'] }),
    changes: [
      method('method-changed', 'getThing', 'major', `route changed from /v1/thing/<thingId>/<version> to /v1/thing/<release>/<thingId>: ${REACH}`),
      method('method-changed', 'getThing', 'major', 'route arguments changed from (thingId, version) to (thingId, release): positional arguments of existing calls no longer match'),
    ],
  },
  {
    rule: 'query key removed (major)',
    after: (f) => (entry(f, 'getThing').query = []),
    changes: [method('method-changed', 'getThing', 'major', 'query key limit removed: calls passing it stop compiling')],
  },
  {
    rule: 'query key added (minor)',
    after: (f) => entry(f, 'getThing').query.push('continuationToken'),
    changes: [method('method-changed', 'getThing', 'minor', 'query key continuationToken added (optional)')],
  },
  {
    rule: 'input added (major)',
    after: (f) => (entry(f, 'ping').input = 'v1/thing-request.json#'),
    changes: [method('method-changed', 'ping', 'major', 'input ThingRequest added: the method now takes a payload argument existing calls do not pass')],
  },
  {
    rule: 'input removed (major)',
    after: (f) => delete entry(f, 'putThing').input,
    changes: [method('method-changed', 'putThing', 'major', 'input ThingRequest removed: calls passing a payload stop compiling')],
  },
  {
    rule: 'output added (minor)',
    after: (f) => (entry(f, 'ping').output = 'v1/thing.json#'),
    changes: [method('method-changed', 'ping', 'minor', 'output Thing added: the method returned nothing before')],
  },
  {
    rule: 'output removed (major)',
    after: (f) => delete entry(f, 'putThing').output,
    changes: [method('method-changed', 'putThing', 'major', 'output Thing removed: code reading the result stops compiling')],
  },
  {
    rule: 'output changed from JSON to a blob (major)',
    after: (f) => (entry(f, 'getThing').output = 'blob'),
    changes: [method('method-changed', 'getThing', 'major', 'output changed from Thing to a blob: code reading the result stops compiling')],
  },
  {
    rule: 'scopes changed (patch)',
    after: (f) => (entry(f, 'getThing').scopes = { AllOf: ['alpha:get:<thingId>', 'alpha:read'] }),
    changes: [method('method-changed', 'getThing', 'patch', 'scopes changed: the service enforces them, the client only documents them')],
  },
  {
    rule: 'stability changed (minor)',
    after: (f) => (entry(f, 'ping').stability = 'deprecated'),
    changes: [method('method-changed', 'ping', 'minor', 'stability changed from stable to deprecated: a new deprecation or stability signal, the signature is the same')],
  },
  {
    rule: 'method title and description changed (patch)',
    after: (f) => Object.assign(entry(f, 'ping'), { title: 'Ping the server', description: 'Responds without doing anything.' }),
    changes: [method('method-changed', 'ping', 'patch', 'title and description changed')],
  },
  // Exchanges
  {
    rule: 'exchange added (minor)',
    after: (f) => f[BETA].entries.push({ ...exchange(f), name: 'thingDeleted', exchange: 'thing-deleted' }),
    changes: [{ kind: 'exchange-added', service: 'beta', name: 'thingDeleted', class: 'minor', reason: 'new exchange, exchanges/beta/v1/thing-deleted: existing code is unaffected' }],
  },
  {
    rule: 'exchange removed (major)',
    after: (f) => (f[BETA].entries = []),
    changes: [onExchange('exchange-removed', 'major', 'exchange thingCreated removed: bindings to it stop compiling')],
  },
  {
    rule: 'exchange name changed (major)',
    after: (f) => (exchange(f).exchange = 'thing-made'),
    changes: [onExchange('exchange-changed', 'major', 'exchange changed from exchanges/beta/v1/thing-created to exchanges/beta/v1/thing-made: existing bindings listen to the old one')],
  },
  {
    rule: 'routing-key part added (major)',
    after: (f) => exchange(f).routingKey.splice(2, 0, { name: 'region', summary: 'where', multipleWords: false, required: false }),
    changes: [onExchange('exchange-changed', 'major', `routing-key part region added: ${ROUTING}`)],
  },
  {
    rule: 'routing-key part removed (major)',
    after: (f) => exchange(f).routingKey.splice(1, 1),
    changes: [onExchange('exchange-changed', 'major', `routing-key part thingId removed: ${ROUTING}`)],
  },
  {
    rule: 'routing-key parts reordered (major)',
    after: (f) => exchange(f).routingKey.splice(0, 2, exchange(f).routingKey[1], exchange(f).routingKey[0]),
    changes: [onExchange('exchange-changed', 'major', `routing-key parts reordered from routingKeyKind.thingId.reserved to thingId.routingKeyKind.reserved: ${ROUTING}`)],
  },
  {
    rule: 'message schema changed: a property removed from a message (major)',
    after: (f) => {
      delete f[MESSAGE].properties.thingId;
      f[MESSAGE].required = [];
    },
    changes: [type('beta', 'ThingMessage', '/properties/thingId', 'major', 'property "thingId" removed in an output: code reading it stops compiling')],
  },
  // Types: properties
  {
    rule: 'optional input property added (minor)',
    after: (f) => (f[REQUEST].properties.color = { type: 'string' }),
    changes: [type('alpha', 'ThingRequest', '/properties/color', 'minor', 'optional property "color" added in an input: callers may leave it out')],
  },
  {
    rule: 'required input property added (major)',
    after: (f) => {
      f[REQUEST].properties.color = { type: 'string' };
      f[REQUEST].required.push('color');
    },
    changes: [type('alpha', 'ThingRequest', '/properties/color', 'major', 'required property "color" added in an input: existing calls do not send it')],
  },
  {
    rule: 'output property added (minor)',
    after: (f) => (f[THING].properties.color = { type: 'string' }),
    changes: [type('alpha', 'Thing', '/properties/color', 'minor', 'optional property "color" added in an output: the user receives more than before')],
  },
  {
    rule: 'output property removed (major)',
    after: (f) => delete f[THING].properties.note,
    changes: [type('alpha', 'Thing', '/properties/note', 'major', 'property "note" removed in an output: code reading it stops compiling')],
  },
  {
    rule: 'input property removed (major)',
    after: (f) => delete f[REQUEST].properties.size,
    changes: [type('alpha', 'ThingRequest', '/properties/size', 'major', 'property "size" removed in an input: calls that set it stop compiling or are refused')],
  },
  {
    rule: 'input property optional → required (major)',
    after: (f) => f[REQUEST].required.push('size'),
    changes: [type('alpha', 'ThingRequest', '/properties/size', 'major', 'property "size" changed from optional to required in an input: values accepted before are refused')],
  },
  {
    rule: 'input property required → optional (minor)',
    after: (f) => (f[REQUEST].required = []),
    changes: [type('alpha', 'ThingRequest', '/properties/name', 'minor', 'property "name" changed from required to optional in an input: more values are accepted')],
  },
  {
    rule: 'output property required → optional (major)',
    after: (f) => (f[THING].required = ['thingId']),
    changes: [type('alpha', 'Thing', '/properties/state', 'major', 'property "state" changed from required to optional in an output: the user may receive values it does not handle')],
  },
  {
    rule: 'output property optional → required (minor)',
    after: (f) => f[THING].required.push('note'),
    changes: [type('alpha', 'Thing', '/properties/note', 'minor', 'property "note" changed from optional to required in an output: the user receives a subset of what it handled')],
  },
  // Types: type, enum
  {
    rule: 'input type widened (minor)',
    after: (f) => (f[REQUEST].properties.size.type = ['integer', 'string']),
    changes: [type('alpha', 'ThingRequest', '/properties/size/type', 'minor', 'type "integer" widened to ["integer","string"] in an input: more values are accepted')],
  },
  {
    rule: 'input type narrowed (major)',
    before: (f) => (f[REQUEST].properties.size.type = 'number'),
    after: (f) => (f[REQUEST].properties.size.type = 'integer'),
    changes: [type('alpha', 'ThingRequest', '/properties/size/type', 'major', 'type "number" narrowed to "integer" in an input: values accepted before are refused')],
  },
  {
    rule: 'output type widened (major)',
    after: (f) => (f[THING].properties.count.type = ['integer', 'null']),
    changes: [type('alpha', 'Thing', '/properties/count/type', 'major', 'type "integer" widened to ["integer","null"] in an output: the user may receive values it does not handle')],
  },
  {
    rule: 'output type narrowed (minor)',
    before: (f) => (f[THING].properties.count.type = ['integer', 'null']),
    after: (f) => (f[THING].properties.count.type = 'integer'),
    changes: [type('alpha', 'Thing', '/properties/count/type', 'minor', 'type ["integer","null"] narrowed to "integer" in an output: the user receives a subset of what it handled')],
  },
  {
    rule: 'type changed, neither wider nor narrower (major)',
    after: (f) => (f[REQUEST].properties.size.type = 'string'),
    changes: [type('alpha', 'ThingRequest', '/properties/size/type', 'major', 'type "integer" changed to "string" in an input: values accepted before may be refused')],
  },
  {
    rule: 'enum value added to an input (minor)',
    after: (f) => f[REQUEST].properties.kind.enum.push('medium'),
    changes: [type('alpha', 'ThingRequest', '/properties/kind/enum', 'minor', 'enum value "medium" added in an input: more values are accepted')],
  },
  {
    rule: 'enum value removed from an input (major)',
    after: (f) => (f[REQUEST].properties.kind.enum = ['small']),
    changes: [type('alpha', 'ThingRequest', '/properties/kind/enum', 'major', 'enum value "large" removed in an input: values accepted before are refused')],
  },
  {
    rule: 'enum value added to an output (major: an exhaustive switch stops compiling)',
    after: (f) => f[THING].properties.state.enum.push('failed'),
    changes: [type('alpha', 'Thing', '/properties/state/enum', 'major', 'enum value "failed" added in an output: the user may receive values it does not handle')],
  },
  {
    rule: 'enum value removed from an output (minor)',
    after: (f) => (f[THING].properties.state.enum = ['running']),
    changes: [type('alpha', 'Thing', '/properties/state/enum', 'minor', 'enum value "done" removed in an output: the user receives a subset of what it handled')],
  },
  {
    rule: 'enum value added to a type used as input and output (major: the output decides)',
    before: (f) => (entry(f, 'putThing').output = 'v1/thing-request.json#'),
    after: (f) => f[REQUEST].properties.kind.enum.push('medium'),
    changes: [type('alpha', 'ThingRequest', '/properties/kind/enum', 'major', 'enum value "medium" added in a type used as input and output: the user may receive values it does not handle')],
  },
  // Types: additionalProperties, pattern, format, bounds
  {
    rule: 'additionalProperties opened on an input (minor)',
    after: (f) => (f[REQUEST].additionalProperties = true),
    changes: [type('alpha', 'ThingRequest', '/additionalProperties', 'minor', 'additionalProperties changed from false to true in an input: more objects are accepted')],
  },
  {
    rule: 'additionalProperties closed on an input (major)',
    before: (f) => delete f[REQUEST].additionalProperties,
    after: (f) => (f[REQUEST].additionalProperties = false),
    changes: [type('alpha', 'ThingRequest', '/additionalProperties', 'major', 'additionalProperties changed from absent (any) to false in an input: objects with other properties are refused')],
  },
  {
    rule: 'additionalProperties changed on an output (minor)',
    after: (f) => (f[THING].additionalProperties = true),
    changes: [type('alpha', 'Thing', '/additionalProperties', 'minor', 'additionalProperties changed from false to true in an output: reads of the declared properties still compile')],
  },
  {
    rule: 'pattern changed in an input (major)',
    after: (f) => (f[REQUEST].properties.owner.pattern = '^[a-z]+@example\\.org$'),
    changes: [type('alpha', 'ThingRequest', '/properties/owner/pattern', 'major', 'pattern changed from "^[a-z]+@example\\\\.com$" to "^[a-z]+@example\\\\.org$" in an input: whether it narrowed or widened is not decided, so values accepted before may be refused')],
  },
  {
    rule: 'pattern changed in an input, even one that only widens (major, said as a change: not claimed narrowed)',
    before: (f) => (f[REQUEST].properties.owner.pattern = '^(https?|ssh)://'),
    after: (f) => (f[REQUEST].properties.owner.pattern = '^(https?://|ssh://|git@)'),
    changes: [type('alpha', 'ThingRequest', '/properties/owner/pattern', 'major', 'pattern changed from "^(https?|ssh)://" to "^(https?://|ssh://|git@)" in an input: whether it narrowed or widened is not decided, so values accepted before may be refused')],
  },
  {
    rule: 'pattern added to an input (major: narrowed)',
    after: (f) => (f[REQUEST].properties.name.pattern = '^[a-z.]+$'),
    changes: [type('alpha', 'ThingRequest', '/properties/name/pattern', 'major', 'pattern "^[a-z.]+$" added (narrowed) in an input: values accepted before are refused')],
  },
  {
    rule: 'pattern removed from an input (minor: widened)',
    after: (f) => delete f[REQUEST].properties.owner.pattern,
    changes: [type('alpha', 'ThingRequest', '/properties/owner/pattern', 'minor', 'pattern "^[a-z]+@example\\\\.com$" removed (widened) in an input: more values are accepted')],
  },
  {
    rule: 'pattern added to an output (minor: the generated type is the same)',
    after: (f) => (f[THING].properties.state.pattern = '^[a-z]+$'),
    changes: [type('alpha', 'Thing', '/properties/state/pattern', 'minor', 'pattern "^[a-z]+$" added (narrowed) in an output: the generated type is the same')],
  },
  {
    rule: 'format changed in an input (major)',
    after: (f) => (f[REQUEST].properties.name.format = 'uri'),
    changes: [type('alpha', 'ThingRequest', '/properties/name/format', 'major', 'format changed from "hostname" to "uri" in an input: values accepted before may be refused')],
  },
  {
    rule: 'format removed from an input (minor)',
    after: (f) => delete f[REQUEST].properties.name.format,
    changes: [type('alpha', 'ThingRequest', '/properties/name/format', 'minor', 'format "hostname" removed in an input: more values are accepted')],
  },
  {
    rule: 'pattern changed in an output (minor: the generated type is the same)',
    after: (f) => (f[THING].properties.thingId.pattern = '^[a-z0-9]+$'),
    changes: [type('alpha', 'Thing', '/properties/thingId/pattern', 'minor', 'pattern changed from "^[a-z]+$" to "^[a-z0-9]+$" in an output: the generated type is the same')],
  },
  {
    rule: 'bound added to an input (major)',
    after: (f) => (f[REQUEST].properties.size.maximum = 10),
    changes: [type('alpha', 'ThingRequest', '/properties/size/maximum', 'major', 'maximum 10 added in an input: values accepted before are refused')],
  },
  // Types: names and documentation
  {
    rule: 'type renamed (major)',
    after: (f) => (f[THING].title = 'Widget'),
    changes: [
      type('alpha', 'Thing', '', 'major', 'type Thing renamed: the same schema is now named Widget, so code importing Thing stops compiling'),
      type('alpha', 'Widget', '/title', 'patch', 'title changed'),
    ],
  },
  {
    rule: 'a schema replaced by another in its place: the old type is no longer exported (major), not renamed',
    after: (f) => {
      f['/schemas/alpha/v1/widget.json'] = { ...f[THING], title: 'Widget', $id: '/schemas/alpha/v1/widget.json#' };
      delete f[THING];
      for (const name of ['getThing', 'putThing']) entry(f, name).output = 'v1/widget.json#';
    },
    changes: [
      type('alpha', 'Thing', '', 'major', 'type Thing is no longer exported: its schema is gone and Widget is used in its place, so code importing Thing stops compiling'),
      type('alpha', 'Widget', '/title', 'patch', 'title changed'),
    ],
  },
  {
    rule: 'schema description changed (patch)',
    after: (f) => (f[THING].properties.note.description = 'A note, in Markdown.'),
    changes: [type('alpha', 'Thing', '/properties/note/description', 'patch', 'description changed')],
  },
  {
    rule: 'default added (patch: documentation only)',
    after: (f) => (f[REQUEST].properties.kind.default = 'small'),
    changes: [type('alpha', 'ThingRequest', '/properties/kind/default', 'patch', 'default "small" added: documentation only, the generated types are the same')],
  },
  // What is not a change
  {
    rule: 'a renamed schema file and reordered keys are no change',
    after: (f) => {
      const { properties, ...rest } = f[THING];
      delete f[THING];
      f['/schemas/alpha/v1/thing-v2.json'] = { properties: Object.fromEntries(Object.entries(properties).reverse()), ...rest, $id: '/schemas/alpha/v1/thing-v2.json#' };
      for (const name of ['getThing', 'putThing']) entry(f, name).output = 'v1/thing-v2.json#';
      f[ALPHA].entries.reverse();
    },
    changes: [],
  },
  {
    rule: 'oneOf branches reordered, one inserted before the others: each keeps its partner (one branch added, minor for an input)',
    before: (f) => {
      const branch = (title: string, kind: string) => ({ title, type: 'object', properties: { kind: { type: 'string', enum: [kind] }, size: { type: 'integer' } }, required: ['kind'], additionalProperties: false });
      f[REQUEST] = { $schema: f[REQUEST].$schema, $id: f[REQUEST].$id, title: 'Thing Request', oneOf: [branch('Small Thing', 'small'), branch('Large Thing', 'large'), { type: 'object', properties: { other: { type: 'string' } } }] };
    },
    after: (f) => {
      const [small, large, untitled] = f[REQUEST].oneOf;
      const medium = { ...structuredClone(small), title: 'Medium Thing', properties: { kind: { type: 'string', enum: ['medium'] } } };
      f[REQUEST].oneOf = [medium, untitled, large, small];
    },
    changes: [type('alpha', 'ThingRequest', '/oneOf', 'minor', '1 oneOf schema added in an input: more values are accepted')],
  },
  {
    rule: 'an allOf part removed that alone declared a property (major for an input: its property leaves the type, calls that set it stop compiling)',
    before: (f) => (f[REQUEST].properties.combined = { allOf: [ALL_OF_PART('x'), ALL_OF_PART('y')] }),
    after: (f) => (f[REQUEST].properties.combined = { allOf: [ALL_OF_PART('y')] }),
    changes: [type('alpha', 'ThingRequest', '/properties/combined/allOf', 'major', '1 allOf schema removed, and with it property "x" in an input: calls that set it stop compiling')],
  },
  {
    rule: 'an allOf part removed whose properties another part declares too (minor for an input: more values are accepted)',
    before: (f) => (f[REQUEST].properties.combined = { allOf: [{ ...ALL_OF_PART('y'), required: [] }, ALL_OF_PART('y')] }),
    after: (f) => (f[REQUEST].properties.combined = { allOf: [ALL_OF_PART('y')] }),
    changes: [type('alpha', 'ThingRequest', '/properties/combined/allOf', 'minor', '1 allOf schema removed in an input: more values are accepted')],
  },
  {
    rule: 'reordered keys of a scope expression, a default and an enum value are no change',
    before: (f) => {
      entry(f, 'getThing').scopes = { if: 'admin', then: { AllOf: ['alpha:get:<thingId>'] }, else: 'alpha:read' };
      f[REQUEST].properties.size.default = { a: 1, b: 2 };
      f[REQUEST].properties.kind = { enum: [{ x: 1, y: 2 }, 'small'] };
    },
    after: (f) => {
      entry(f, 'getThing').scopes = { else: 'alpha:read', then: { AllOf: ['alpha:get:<thingId>'] }, if: 'admin' };
      f[REQUEST].properties.size.default = { b: 2, a: 1 };
      f[REQUEST].properties.kind = { enum: [{ y: 2, x: 1 }, 'small'] };
    },
    changes: [],
  },
];

testRules('rule', RULES, baseFiles);

test('the base reference diffed with itself: verdict none, no changes', async () => {
  const snapshot = await snapshotOfFiles(baseFiles());
  assert.deepEqual(diffSnapshots(snapshot, snapshot), { verdict: 'none', changes: [] });
});
