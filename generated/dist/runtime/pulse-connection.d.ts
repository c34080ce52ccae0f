import type { PulseCredentials } from './pulse-types.js';
/** The connection object given to amqplib's connect (its `Options.Connect`), as the broker receives it. */
export interface AmqpConnection {
  protocol: 'amqp' | 'amqps';
  hostname: string;
  port: number;
  /** Exactly as the broker receives it. */
  username: string;
  password: string;
  /** Percent-encoded (encodeURIComponent): amqplib decodes it once, giving back the vhost as given. */
  vhost: string;
  /** 0: no client-side frame limit, as Taskcluster's `pulseCredentials` asks (frameMax=0). */
  frameMax: number;
  heartbeat?: number;
  channelMax?: number;
  locale?: string;
}
/** `amqp(s)://…` for Pulse credentials, as Taskcluster's `pulseCredentials` builds it (frameMax=0: no client-side frame limit). */
export declare function pulseUrl(credentials: PulseCredentials): string;
/**
 * The connection object amqplib gets for a consumer's `connection` option (credentials or URL).
 * Username, password and vhost are those given (a URL's decoded as UTF-8); `vhost` is
 * percent-encoded for amqplib, which decodes it. Credentials: amqps on 5671 unless `amqps: false`
 * (5672) or `port`; frameMax 0 (Taskcluster's `pulseCredentials`).
 * @throws TypeError for a URL that is not amqp(s), malformed percent-encoding, or empty credentials.
 */
export declare function amqpConnection(connection: string | PulseCredentials): AmqpConnection;
