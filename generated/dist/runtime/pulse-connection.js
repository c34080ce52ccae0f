function nonEmpty(value, name) {
  if (typeof value !== 'string' || value === '') throw new TypeError(`connection.${name} must be a non-empty string`);
  return value;
}
function portOf(value, fallback, what) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new TypeError(`${what} must be an integer from 1 to 65535`);
  return port;
}
/** `amqp(s)://…` for Pulse credentials, as Taskcluster's `pulseCredentials` builds it (frameMax=0: no client-side frame limit). */
export function pulseUrl(credentials) {
  const { username, password, hostname, vhost = '/', amqps = true } = credentials;
  for (const [name, value] of Object.entries({ username, password, hostname })) nonEmpty(value, name);
  const scheme = amqps ? 'amqps' : 'amqp';
  const port = portOf(credentials.port, amqps ? 5671 : 5672, 'connection.port');
  return `${scheme}://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${hostname}:${port}/${encodeURIComponent(vhost)}?frameMax=0`;
}
/** Percent-decoding as UTF-8 (what encodeURIComponent wrote); a malformed escape is refused, naming the part. */
function decoded(text, what) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TypeError(`connection URL: the ${what} is not valid percent-encoded UTF-8`);
  }
}
function fromUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError('connection must be an amqp:// or amqps:// URL, or Pulse credentials');
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:')
    throw new TypeError(`connection URL must use amqp: or amqps:, not ${url.protocol}`);
  const protocol = url.protocol === 'amqps:' ? 'amqps' : 'amqp';
  // No user info means guest/guest, as amqplib (and RabbitMQ's default user) have it.
  const anonymous = url.username === '' && url.password === '';
  const path = url.pathname.replace(/^\//, '');
  const query = url.searchParams;
  const numeric = (name) => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (!/^\d+$/.test(value)) throw new TypeError(`connection URL: ${name} must be a non-negative integer`);
    return Number(value);
  };
  const connection = {
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
export function amqpConnection(connection) {
  if (typeof connection === 'string') return fromUrl(connection);
  if (typeof connection !== 'object' || connection === null)
    throw new TypeError('connection must be an amqp:// or amqps:// URL, or Pulse credentials');
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
