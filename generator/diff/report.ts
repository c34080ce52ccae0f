// The report `tcgen diff` gives: its changes and classes (the JSON contract scripts read), the
// verdict, and the JSON helpers every part of the comparison shares.
/** How a change affects the package's users, as a semver bump of the generated client. */
export type ChangeClass = 'major' | 'minor' | 'patch';
export type Verdict = ChangeClass | 'none';

export type ChangeKind =
  | 'service-added'
  | 'service-removed'
  | 'method-added'
  | 'method-removed'
  | 'method-changed'
  | 'exchange-added'
  | 'exchange-removed'
  | 'exchange-changed'
  | 'payload-added'
  | 'payload-removed'
  | 'type-changed';

/**
 * One change, as the JSON output gives it (the contract for scripts, see the README).
 * `name` is the service name (service-*), method, exchange, worker payload key (payload-*:
 * "docker-worker/v1/payload") or type name; `pointer` (type-changed only) is the RFC 6901 JSON
 * pointer of the change inside that type's schema ("" for the type itself).
 */
export interface Change {
  kind: ChangeKind;
  /** The service, or `workers` (WORKERS_MODULE) for the `./workers` module: no service may take that name. */
  service: string;
  name: string;
  pointer?: string;
  class: ChangeClass;
  /** Why, in one line. */
  reason: string;
}

export interface DiffReport {
  verdict: Verdict;
  changes: Change[];
}

export const RANK: Record<Verdict, number> = { none: 0, patch: 1, minor: 2, major: 3 };
export const KIND_ORDER: ChangeKind[] = ['service-removed', 'service-added', 'method-removed', 'method-added', 'method-changed', 'exchange-removed', 'exchange-added', 'exchange-changed', 'payload-removed', 'payload-added', 'type-changed'];

/** The highest class present, or `none`. */
export function verdictOf(changes: readonly Change[]): Verdict {
  return changes.reduce<Verdict>((verdict, change) => (RANK[change.class] > RANK[verdict] ? change.class : verdict), 'none');
}

/** Whether a verdict meets a `--fail-on` threshold (`major`, or `minor`, which major also meets). */
export function meetsThreshold(verdict: Verdict, threshold: ChangeClass): boolean {
  return RANK[verdict] >= RANK[threshold];
}

export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
export const json = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
export const list = (values: unknown[]): string => values.map(json).join(', ');

/** JSON with object keys sorted: equal for values that differ only in key order (which no reader of JSON sees). */
export function canonical(value: unknown): string {
  const sorted = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(sorted) : isRecord(node) ? Object.fromEntries(Object.keys(node).sort().map((key) => [key, sorted(node[key])])) : node;
  return json(sorted(value));
}
export const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
