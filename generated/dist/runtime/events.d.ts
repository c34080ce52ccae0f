import type { Binding, EventsOptions, ExchangeDefinition, ExchangesDefinition } from './types.js';
export declare class EventsClient {
  constructor(exchanges: ExchangesDefinition, options?: EventsOptions);
}
/** The binding for `entry` of `client`'s exchanges, for `pattern` (object or raw string). */
export declare function bindExchange(
  client: EventsClient,
  entry: ExchangeDefinition,
  pattern?: object | string | null,
): Binding;
