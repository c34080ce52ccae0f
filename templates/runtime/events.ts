// Exchange bindings, built exactly as the official client's topic-exchange methods do
// (client.js, "For each topic-exchange entry"): missing keys become `*` (or `#` for
// multi-word keys), constants always win, numbers are stringified, a string pattern is
// used as given, and a dot in a single-word key is refused.
import type { Binding, EventsOptions, ExchangeDefinition, ExchangesDefinition, RoutingKeyDefinition } from './types.js';
import { parseRootUrl } from './url.js';

/** The types a generated service module's events class names (service.ts.hbs imports this module as `events`). */
export type { Binding, EventsOptions, ExchangesDefinition };

const EXCHANGES = new WeakMap<object, ExchangesDefinition>();

export class EventsClient {
  constructor(exchanges: ExchangesDefinition, options: EventsOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    // The official client refuses this option too: the prefix comes from the reference.
    if ('exchangePrefix' in options) throw new TypeError('exchangePrefix cannot be overridden');
    if (options.rootUrl !== undefined) parseRootUrl(options.rootUrl);
    EXCHANGES.set(this, exchanges);
  }
}

function keyPattern(key: RoutingKeyDefinition, value: unknown): string {
  if (key.constant) value = key.constant;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (!key.multipleWords && value.includes('.')) {
      throw new TypeError(`routingKey pattern '${value}' for ${key.name} cannot contain dots as it does not hold multiple words`);
    }
    return value;
  }
  if (value !== null && value !== undefined) {
    throw new TypeError(`Value: '${String(value)}' is not supported as routingKey pattern for ${key.name}`);
  }
  return key.multipleWords ? '#' : '*';
}

/**
 * The binding for `entry` of `client`'s exchanges, for `pattern` (object or raw string).
 * `Message` and `Exchange` only type the result (see Binding); the caller vouches for them.
 */
export function bindExchange<Message = unknown, Exchange extends string = string>(
  client: EventsClient,
  entry: ExchangeDefinition,
  pattern?: object | string | null,
): Binding<Message, Exchange> {
  const exchanges = EXCHANGES.get(client);
  if (!exchanges) throw new TypeError('not a Taskcluster events client instance');
  let routingKeyPattern: string;
  if (typeof pattern === 'string') {
    routingKeyPattern = pattern;
  } else {
    const values = (pattern ?? {}) as Record<string, unknown>;
    if (typeof values !== 'object') throw new TypeError('routingKeyPattern must be an object');
    // Own properties only: a key named "__proto__" or "constructor" that the caller left out must read as absent.
    routingKeyPattern = entry.routingKey.map((key) => keyPattern(key, Object.hasOwn(values, key.name) ? values[key.name] : undefined)).join('.');
  }
  return {
    exchange: (exchanges.exchangePrefix + entry.exchange) as Exchange,
    routingKeyPattern,
    // A copy, as the official client's _.cloneDeep: callers may mutate it.
    routingKeyReference: structuredClone(entry.routingKey) as RoutingKeyDefinition[],
  };
}
