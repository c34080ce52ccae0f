import { WORKERS_MODULE } from '../model/module-names.ts';
import type { Change, ChangeClass, DiffReport } from './diff.ts';

export type DiffFormat = 'text' | 'markdown' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'markdown', 'json'];

const CLASSES: ChangeClass[] = ['major', 'minor', 'patch'];

/** "3 major, 12 minor, 1 patch" (classes with no change left out); "no changes" when empty. */
export function countsText(changes: readonly Change[]): string {
  const parts = CLASSES.map((cls) => [cls, changes.filter((change) => change.class === cls).length] as const).filter(([, count]) => count > 0);
  return parts.length === 0 ? 'no changes' : parts.map(([cls, count]) => `${count} ${cls}`).join(', ');
}

/** A group's name in the markdown table and headings, whose column says "service": the workers row is a module. */
const markdownGroupName = (service: string): string => escapeMarkdown(service === WORKERS_MODULE ? `${service} (the ./workers module)` : service);

function byService(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) groups.set(change.service, [...(groups.get(change.service) ?? []), change]);
  return groups;
}

/** What a change is about: the method, exchange, worker payload key or type (with its pointer). */
function subject(change: Change): string {
  if (change.kind === 'service-added' || change.kind === 'service-removed') return change.name;
  if (change.kind === 'type-changed') return `${change.name}${change.pointer ? `#${change.pointer}` : ''}`;
  return change.name;
}

const KIND_LABELS: Record<Change['kind'], string> = {
  'service-added': 'service added',
  'service-removed': 'service removed',
  'method-added': 'method added',
  'method-removed': 'method removed',
  'method-changed': 'method changed',
  'exchange-added': 'exchange added',
  'exchange-removed': 'exchange removed',
  'exchange-changed': 'exchange changed',
  'payload-added': 'payload added',
  'payload-removed': 'payload removed',
  'type-changed': 'type changed',
};

/** Plain text for a terminal: the verdict, then the changes grouped by service, one per line. */
export function formatText(report: DiffReport): string {
  const lines = [`verdict: ${report.verdict} (${countsText(report.changes)})`];
  for (const [service, changes] of byService(report.changes)) {
    lines.push('', service);
    for (const change of changes) lines.push(`  ${change.class.padEnd(5)}  ${KIND_LABELS[change.kind].padEnd(16)}  ${subject(change)}: ${change.reason}`);
  }
  return lines.join('\n') + '\n';
}

/** Markdown text: backslash-escapes what GitHub would read as markup or HTML. */
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);

/**
 * Markdown for a pull-request comment or a CHANGELOG entry: the verdict, a table of counts per
 * service, then per service a list of changes (most severe first), each folded when long.
 */
export function formatMarkdown(report: DiffReport): string {
  const lines = [`### API changes: **${report.verdict}**`, ''];
  if (report.changes.length === 0) return [...lines, 'No changes to the generated client.', ''].join('\n');
  const groups = byService(report.changes);
  lines.push('| service | major | minor | patch |', '|---|---:|---:|---:|');
  for (const [service, changes] of groups) lines.push(`| ${markdownGroupName(service)} | ${CLASSES.map((cls) => changes.filter((c) => c.class === cls).length || '').join(' | ')} |`);
  lines.push('');
  for (const [service, changes] of groups) {
    const sorted = CLASSES.flatMap((cls) => changes.filter((change) => change.class === cls));
    const items = sorted.map((change) => `- **${change.class}** ${KIND_LABELS[change.kind]} \`${subject(change).replace(/`/g, "'")}\`: ${escapeMarkdown(change.reason)}`);
    if (items.length > 10) lines.push('<details>', `<summary><b>${markdownGroupName(service)}</b>: ${countsText(changes)}</summary>`, '', ...items, '', '</details>', '');
    else lines.push(`#### ${markdownGroupName(service)}`, '', ...items, '');
  }
  return lines.join('\n');
}

/** The JSON contract: `{ verdict, changes: [{ kind, service, name, pointer?, class, reason }] }`, pretty-printed. */
export function formatJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function formatReport(report: DiffReport, format: DiffFormat): string {
  return format === 'json' ? formatJson(report) : format === 'markdown' ? formatMarkdown(report) : formatText(report);
}
