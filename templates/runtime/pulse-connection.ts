// Where and as whom a Pulse consumer connects. amqplib is given a connection object, never a URL:
// from a URL it decodes user and password with the legacy unescape() (Latin-1, so `équipe-ci`
// percent-encoded as UTF-8 arrives as `Ã©quipe-ci`). From an object it sends username and
// password as given (UTF-8, SASL PLAIN), and the vhost through querystring.unescape, which
// decodes UTF-8 percent-escapes: so the vhost is handed over percent-encoded, and arrives as given.
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

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`connection.${name} must be a non-empty string`);
  return value;
}

function portOf(value: unknown, fallback: number, what: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError(`${what} must be an integer from 1 to 65535`);
  return port;
}

/** `amqp(s)://…` for Pulse credentials, as Taskcluster's `pulseCredentials` builds it (frameMax=0: no client-side frame limit). */
export function pulseUrl(credentials: PulseCredentials): string {
  const { username, password, hostname, vhost = '/', amqps = true } = credentials;
  for (const [name, value] of Object.entries({ username, password, hostname })) nonEmpty(value, name);
  const scheme = amqps ? 'amqps' : 'amqp';
  const port = portOf(credentials.port, amqps ? 5671 : 5672, 'connection.port');
  return `${scheme}://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${hostname}:${port}/${encodeURIComponent(vhost)}?frameMax=0`;
}

/** Percent-decoding as UTF-8 (what encodeURIComponent wrote); a malformed escape is refused, naming the part. */
function decoded(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TypeError(`connection URL: the ${what} is not valid percent-encoded UTF-8`);
  }
}

function fromUrl(text: string): AmqpConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError('connection must be an amqp:// or amqps:// URL, or Pulse credentials');
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') throw new TypeError(`connection URL must use amqp: or amqps:, not ${url.protocol}`);
  const protocol = url.protocol === 'amqps:' ? 'amqps' : 'amqp';
  // No user info means guest/guest, as amqplib (and RabbitMQ's default user) have it.
  const anonymous = url.username === '' && url.password === '';
  const path = url.pathname.replace(/^\//, '');
  const query = url.searchParams;
  const numeric = (name: string): number | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (!/^\d+$/.test(value)) throw new TypeError(`connection URL: ${name} must be a non-negative integer`);
    return Number(value);
  };
  const connection: AmqpConnection = {
    protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: portOf(url.port, protocol === 'amqps' ? 5671 : 5672, 'connection URL port'),
    username: anonymous ? 'guest' : decoded(url.username, 'user name'),
    password: anonymous ? 'guest' : decoded(url.password, 'password'),
    vhost: encodeURIComponent(path === '' ? '/' : decoded(path, 'vhost')),
    frameMax: numeric('frameMax') ?? 0,
  };
  const heartbeat = numeric('heartbeat');
  const channelMax = numeric('channelMax');
  const locale = query.get('locale');
  if (heartbeat !== undefined) connection.heartbeat = heartbeat;
  if (channelMax !== undefined) connection.channelMax = channelMax;
  if (locale !== null) connection.locale = locale;
  return connection;
}

/**
 * The connection object amqplib gets for a consumer's `connection` option (credentials or URL).
 * Username, password and vhost are those given (a URL's decoded as UTF-8); `vhost` is
 * percent-encoded for amqplib, which decodes it. Credentials: amqps on 5671 unless `amqps: false`
 * (5672) or `port`; frameMax 0 (Taskcluster's `pulseCredentials`).
 * @throws TypeError for a URL that is not amqp(s), malformed percent-encoding, or empty credentials.
 */
export function amqpConnection(connection: string | PulseCredentials): AmqpConnection {
  if (typeof connection === 'string') return fromUrl(connection);
  if (typeof connection !== 'object' || connection === null) throw new TypeError('connection must be an amqp:// or amqps:// URL, or Pulse credentials');
  const { vhost = '/', amqps = true } = connection;
  if (typeof vhost !== 'string' || vhost === '') throw new TypeError('connection.vhost must be a non-empty string');
  return {
    protocol: amqps ? 'amqps' : 'amqp',
    hostname: nonEmpty(connection.hostname, 'hostname'),
    port: portOf(connection.port, amqps ? 5671 : 5672, 'connection.port'),
    username: nonEmpty(connection.username, 'username'),
    password: nonEmpty(connection.password, 'password'),
    vhost: encodeURIComponent(vhost),
    frameMax: 0,
  };
}
