// The same call made by the official client (taskcluster-client 87.1.3) and by ours, against the
// same deployment, through the recording proxy: each side uses fresh ids, and the two requests
// and the two outcomes must be equal once those ids, timestamps and secrets are replaced by names.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { RecordingProxy } from './helpers.ts';

export type SideName = 'theirs' | 'ours';
/** Service clients of one side, by the official client's class names. */
export type Clients = Record<'auth' | 'queue' | 'index' | 'secrets' | 'purgeCache', any>;
const CLASSES = { auth: 'Auth', queue: 'Queue', index: 'Index', secrets: 'Secrets', purgeCache: 'PurgeCache' } as const;

export interface Side extends Clients {
  name: SideName;
  /** The same fresh slugid for `key` on every call of this side; the other side gets its own. */
  id(key: string): string;
  /** A value of this side to be named `<key>` when comparing (a runId, an artifact URL…). */
  known(key: string, value: string): string;
  /** Clients of this side with other options (credentials, authorizedScopes, retries). */
  with(options: Record<string, unknown>): Clients;
}

/** Either what a call resolved with, or what it rejected with (the fields both clients' errors have). */
export type Outcome = { resolved: unknown } | { rejected: { statusCode: unknown; code: unknown; message: unknown; body: unknown } };

/** A fresh slugid-shaped id (the wire does not care which generator made it). */
export const freshId = (): string => {
  const bytes = randomBytes(16);
  // the services check taskIds against slugid's v4 pattern: version 4, RFC 4122 variant, `nice` first char
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('base64url');
};

// Z, or +00:00 as the queue's claim `takenUntil` comes straight from PostgreSQL ("…:07.76+00:00")
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;

export interface ComparerOptions {
  proxy: RecordingProxy;
  /** The generated package's main module and taskcluster-client's default export. */
  ours: Record<string, any>;
  theirs: Record<string, any>;
  credentials: { clientId: string; accessToken: string };
}

export class Comparer {
  readonly sides: Record<SideName, Side>;
  private readonly names: Record<SideName, Map<string, string>> = { theirs: new Map(), ours: new Map() };
  private readonly opened: Array<Record<string, any>> = [];

  constructor(private readonly options: ComparerOptions) {
    this.sides = { theirs: this.side('theirs'), ours: this.side('ours') };
  }

  private clients(name: SideName, extra: Record<string, unknown>): Clients {
    const module = name === 'ours' ? this.options.ours : this.options.theirs;
    const settings = { rootUrl: this.options.proxy.rootUrl, credentials: this.options.credentials, retries: 0, ...extra };
    const made = Object.fromEntries(Object.entries(CLASSES).map(([key, className]) => [key, new module[className](settings)])) as Clients;
    if (name === 'ours') this.opened.push(...Object.values(made));
    return made;
  }

  private side(name: SideName): Side {
    const values = this.names[name];
    const known = (key: string, value: string) => (values.set(value, key), value);
    return {
      ...this.clients(name, {}),
      name,
      id: (key) => [...values].find(([, k]) => k === key)?.[0] ?? known(key, freshId()),
      known,
      with: (options) => this.clients(name, options),
    };
  }

  /** `value` with this side's known values named, ISO timestamps as `<time>`. */
  normalize(name: SideName, value: unknown): unknown {
    const replace = (text: string) => {
      for (const [known, key] of this.names[name]) text = text.split(known).join(`<${key}>`).split(encodeURIComponent(known)).join(`<${key}>`);
      return text.replace(ISO_TIME, '<time>');
    };
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return replace(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [replace(k), walk(x)]));
      return v;
    };
    return walk(value);
  }

  /** Runs `call` for one side; its outcome, the error, and the requests it made. */
  async settle<T>(name: SideName, call: (side: Side) => Promise<T>) {
    const first = this.options.proxy.passed.length;
    let outcome: Outcome;
    let value: T | undefined;
    let error: any;
    try {
      value = await call(this.sides[name]);
      outcome = { resolved: value };
    } catch (thrown: any) {
      error = thrown;
      const { statusCode, code, body } = thrown ?? {};
      // Ours words a 403 InsufficientScopes itself (the missing scopes one per line, issue 24); the
      // official client reports the service's message as it is: compared by that message.
      const message = thrown?.name === 'InsufficientScopesError' ? body?.message : thrown?.message;
      outcome = { rejected: { statusCode, code, message, body } };
    }
    return { outcome, value, error, requests: this.options.proxy.passed.slice(first) };
  }

  /**
   * The official client, then ours: same requests on the wire (method, path, query, body,
   * content type), same outcome. `normalize` may name what differs by nature (a fresh secret).
   * Resolves to both sides' results.
   */
  async same<T>(label: string, call: (side: Side) => Promise<T>, normalize: (v: any) => unknown = (v) => v) {
    const theirs = await this.settle('theirs', call);
    const ours = await this.settle('ours', call);
    const wire = (name: SideName, r: typeof ours.requests) =>
      this.normalize(name, r.map((x) => ({ method: x.method, path: x.path, query: x.query, body: x.body, contentType: x.headers['content-type'], status: x.status })));
    assert.ok(ours.requests.length > 0, `${label}: ours made a request`);
    assert.deepEqual(wire('ours', ours.requests), wire('theirs', theirs.requests), `${label}: the same requests`);
    assert.deepEqual(normalize(this.normalize('ours', ours.outcome)), normalize(this.normalize('theirs', theirs.outcome)), `${label}: the same outcome`);
    return { theirs, ours };
  }

  /** As `same`, and both resolved: ours's value. */
  async resolved<T>(label: string, call: (side: Side) => Promise<T>, normalize?: (v: any) => unknown): Promise<T> {
    const { ours } = await this.same(label, call, normalize);
    if (ours.error) throw ours.error;
    return ours.value as T;
  }

  /** Closes our clients' connection pools. */
  async close(): Promise<void> {
    for (const client of this.opened) await this.options.ours['closeClient'](client);
  }
}

/** What every part of the suite uses; filled in by deployment.test.ts's `before`. */
export interface Context {
  deployment: import('./helpers.ts').Deployment;
  proxy: RecordingProxy;
  cmp: Comparer;
  /** The generated package's main module, and taskcluster-client's default export. */
  ours: Record<string, any>;
  theirs: Record<string, any>;
  /** Where the generated package and the Pulse application are (`<scratch>/pkg`, `<scratch>/app`). */
  scratch: string;
  /** A loopback server whose `/content/<anything>` answers CONTENT (reference artifacts point there). */
  content: { url: string; requests: string[] };
  /** Names of this run (task queues, secrets, index namespaces), so that runs never meet. */
  run: string;
}

export const CONTENT = 'artifact content from the suite\n';
