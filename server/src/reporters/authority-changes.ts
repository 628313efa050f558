import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { RiskTier } from '../analyzer/types';
import { type AuthorityChange, type ChangeKind, grantsMore } from '../authority/compare';
import { ANALYZER_VERSION } from '../version';
import { physical, sarifLog } from './sarif';

/** What the two sides of a comparison are called in reports: `agent-warden.lock.json` and `the code`, or two refs. */
export interface Sides {
  before: string;
  after: string;
}

const KIND_ORDER: ChangeKind[] = ['added', 'broadened', 'changed', 'narrowed', 'removed'];
const HEADINGS: Record<ChangeKind, string> = {
  added: 'Added',
  broadened: 'Broadened',
  changed: 'Changed',
  narrowed: 'Narrowed',
  removed: 'Removed',
};

const where = (c: AuthorityChange) => (c.loc ? `${c.loc.file}:${c.loc.start.line}` : '');
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(changes: AuthorityChange[]): string {
  const more = changes.filter(grantsMore).length;
  return `${count(changes.length, 'authority change')}, ${more} granting more`;
}

/** For a terminal: one line per change, grouped by kind. */
export function changesText(changes: AuthorityChange[], sides: Sides): string {
  if (!changes.length) return `No authority changes from ${sides.before} to ${sides.after}.\n`;
  const lines = [`Authority changes from ${sides.before} to ${sides.after}:`];
  for (const kind of KIND_ORDER) {
    const these = changes.filter((c) => c.kind === kind);
    if (!these.length) continue;
    lines.push('', `${HEADINGS[kind]}:`);
    for (const c of these) lines.push(`  ${c.message}${c.loc ? `  ${where(c)}` : ''}`);
  }
  lines.push('', `${summary(changes)}.`);
  return `${lines.join('\n')}\n`;
}

const mdEscape = (s: string) => s.replace(/[|<>]/g, (ch) => `\\${ch}`);

/** For a pull-request comment: a table per kind, what grants more first. */
export function changesMarkdown(changes: AuthorityChange[], sides: Sides): string {
  const lines = ['## Agent authority', ''];
  if (!changes.length) {
    lines.push(`No agent gains or loses authority from ${sides.before} to ${sides.after}.`);
    return `${lines.join('\n')}\n`;
  }
  const more = changes.filter(grantsMore).length;
  lines.push(
    more
      ? `**${count(more, 'change')} grant${more === 1 ? 's' : ''} more authority** from ${sides.before} to ${sides.after}. ` +
          'Review them as you would a new permission.'
      : `No change grants more authority from ${sides.before} to ${sides.after}.`,
  );
  for (const kind of KIND_ORDER) {
    const these = changes.filter((c) => c.kind === kind);
    if (!these.length) continue;
    lines.push('', `### ${HEADINGS[kind]} (${these.length})`, '', '| change | risk | where |', '|---|---|---|');
    for (const c of these)
      lines.push(`| ${mdEscape(c.message)} | ${c.risk ?? '—'} | ${c.loc ? `\`${where(c)}\`` : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** For machines: every change with its kind, subject, risk and place. */
export function changesJson(changes: AuthorityChange[], sides: Sides): string {
  const json = {
    version: ANALYZER_VERSION,
    before: sides.before,
    after: sides.after,
    grantsMore: changes.some(grantsMore),
    changes: changes.map((c) => ({
      kind: c.kind,
      agent: c.agent ?? null,
      tool: c.tool ?? null,
      message: c.message,
      risk: c.risk,
      file: c.loc?.file ?? null,
      line: c.loc?.start.line ?? null,
      column: c.loc?.start.column ?? null,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const LEVEL = (risk: RiskTier | null): Sarif.Result.level =>
  risk === 'critical' || risk === 'high' ? 'error' : risk === 'medium' ? 'warning' : 'note';

const SARIF_RULES: Sarif.ReportingDescriptor[] = [
  {
    id: 'authority-added',
    name: 'AuthorityAdded',
    shortDescription: { text: 'An agent or a tool is new: the code grants authority it did not grant before.' },
    help: {
      text: 'Check that the new agent or tool has an owner, scopes, and an approval gate where it is high risk.',
    },
    properties: { tags: ['security', 'ai-agent'] },
  },
  {
    id: 'authority-broadened',
    name: 'AuthorityBroadened',
    shortDescription: {
      text: 'An agent or a tool can do more than before: a capability, a higher risk, a credential, a scope or a delegation, or an approval gate or owner removed.',
    },
    help: { text: 'Review it as a new permission; if it is intended, merge it and update the lockfile.' },
    properties: { tags: ['security', 'ai-agent'] },
  },
];

/** SARIF 2.1.0: one result per change that grants more, at the code that grants it. */
export function changesSarif(changes: AuthorityChange[], cwd: string): string {
  const results: Sarif.Result[] = changes
    .filter((c) => grantsMore(c) && c.loc)
    .map((c) => ({
      ruleId: c.kind === 'added' ? 'authority-added' : 'authority-broadened',
      ruleIndex: c.kind === 'added' ? 0 : 1,
      level: LEVEL(c.risk),
      message: { text: c.message },
      locations: [{ physicalLocation: physical(c.loc!) }],
      partialFingerprints: {
        authorityChange: createHash('sha256').update(`${c.kind}\0${c.message}`).digest('hex').slice(0, 32),
      },
    }));
  const log = sarifLog(cwd, SARIF_RULES, results, { automationDetails: { id: 'agent-warden/authority-diff/' } });
  return `${JSON.stringify(log, null, 2)}\n`;
}
