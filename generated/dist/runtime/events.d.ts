import type { Binding, EventsOptions, ExchangeDefinition, ExchangesDefinition } from './types.js';
/** The types a generated service module's events class names (service.ts.hbs imports this module as `events`). */
export type { Binding, EventsOptions, ExchangesDefinition };
export declare class EventsClient {
  constructor(exchanges: ExchangesDefinition, options?: EventsOptions);
}
/**
 * The binding for `entry` of `client`'s exchanges, for `pattern` (object or raw string).
 * `Message` and `Exchange` only type the result (see Binding); the caller vouches for them.
 */
export declare function bindExchange<Message = unknown, Exchange extends string = string>(
  client: EventsClient,
  entry: ExchangeDefinition,
  pattern?: object | string | null,
): Binding<Message, Exchange>;
