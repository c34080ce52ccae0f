import type { BindingLike, ConsumeOptions, Consumer, PulseMessage } from './pulse-types.js';
export declare class PulseConsumer<B extends BindingLike> implements Consumer {
  #private;
  constructor(options: ConsumeOptions<B>, handler: (message: PulseMessage<B>) => unknown);
  get queueName(): string;
  /**
   * Connects through amqplib's connection recovery, which reconnects with exponential backoff
   * and runs #setup on every new connection. The first connection is not retried: its failure
   * (and #setup's) rejects.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}
