import type { PromotionRecord } from './promotion-proposal';
import type { RuleAssessment } from './rule-level';
import type { PromotionBar } from './rule-stats';

/** A rule's promotion proposals for `adops rules stats`: those of its current version, and the current step's. */
export interface ProposalsSeen {
  /** Proposals of the rule's current version, oldest first. */
  all: readonly PromotionRecord[];
  /** The proposal of the step the rule is at now (this version, this level, no change since), if one was made. */
  step?: PromotionRecord | null;
}

const HEADER = [
  'level',
  'recorded',
  'decided',
  'unchanged',
  'in part',
  'rejected',
  'expired',
  'automatic',
  'agreement',
  'outcomes',
  'in band',
  'calibration',
  'realised / predicted per day',
];

const percent = (p: number | null) => (p === null ? '-' : `${p}%`);
const round = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * `adops rules stats`: per rule, a table of its figures per level, its effective level, the promotion verdict and
 * what became of its promotion proposals (waiting in the Web UI, declined, expired, withdrawn).
 */
export function ruleStatsText(a: RuleAssessment, bar: PromotionBar, proposals: ProposalsSeen = { all: [] }): string {
  const rows = a.stats.map((s) => [
    s.level,
    String(s.recorded),
    String(s.decided),
    String(s.approvedUnchanged),
    String(s.approvedInPart),
    String(s.rejected),
    String(s.expired),
    String(s.automatic),
    percent(s.agreementPct),
    String(s.outcomes),
    String(s.inBand),
    percent(s.calibrationPct),
    s.gain.map((g) => `${round(g.realised)} / ${round(g.predicted)} ${g.unit}`).join(', ') || '-',
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const r = a.recent;
  const out = [
    `${a.ruleId} (version ${a.ruleVersion}): level ${a.level}${a.level === a.configLevel && !a.note ? ' (as configured)' : `, configured ${a.configLevel}`}`,
  ];
  if (a.note) out.push(`  ${a.note}`);
  out.push(
    `  bar: agreement ≥ ${bar.minAgreementPct}% over ≥ ${bar.minDecisions} decisions, calibration ≥ ${bar.minCalibrationPct}% over ≥ ${bar.minOutcomes} outcomes (${bar.outcomeDays} settled days each); demotion over the last ${bar.recentDecisions}`,
  );
  if (rows.length === 0) out.push('  no plan of this version yet');
  else out.push('', `  ${line(HEADER)}`, ...rows.map((row) => `  ${line(row)}`), '');
  out.push(
    `  recent at ${a.level}: ${r.decided} decided (${r.disagreed} not unchanged, best reachable ${percent(r.agreementPct)}), ${r.outcomes} outcomes (${r.missed} outside the band, best reachable ${percent(r.calibrationPct)})`,
  );
  if (a.demotion) out.push(`  DEMOTION DUE to ${a.demotion.to} at the next plan: ${a.demotion.why}`);
  if (a.promotion.to === null) out.push('  promotion: none (auto is the top of the ladder)');
  else if (a.promotion.met)
    out.push(`  PROPOSED for promotion to ${a.promotion.to}: the bar is met; ${stepText(a, proposals.step)}`);
  else out.push(`  promotion to ${a.promotion.to}: bar not met (${a.promotion.missing.join('; ')})`);
  for (const p of proposals.all) out.push(`  proposal ${p.workflowId}: ${proposalText(p)}`);
  return out.join('\n');
}

function stepText(a: RuleAssessment, step: PromotionRecord | null | undefined): string {
  const promote = `adops rules promote ${a.ruleId} --by <name> [--reason "…"]`;
  if (!step)
    return `the next rebalance run proposes it in the Web UI (a rulePromotion workflow); or confirm now with: ${promote}`;
  if (step.status === 'proposed')
    return `waiting for an engineer in workflow ${step.workflowId} until ${step.expiresAt}: adops rules confirm ${a.ruleId} --by <name> (--decline --reason "…"), or Send an Update "decidePromotion" in the Web UI`;
  // Declined or expired: the same step of this version is not proposed again; the shell can still promote it.
  return `its proposal ${proposalText(step)}; not proposed again at this level of this version (${promote} still promotes it)`;
}

function proposalText(p: PromotionRecord): string {
  const who = p.by && p.by !== 'nobody' ? ` by ${p.by}` : '';
  const when = p.decidedAt ? ` at ${p.decidedAt}` : '';
  const why = p.reason ? `: ${p.reason}` : p.status === 'withdrawn' && p.detail ? `: ${p.detail}` : '';
  if (p.status === 'proposed') return `${p.from} → ${p.to} proposed ${p.proposedAt}, waiting until ${p.expiresAt}`;
  if (p.status === 'expired') return `${p.from} → ${p.to} expired unanswered at ${p.expiresAt}`;
  return `${p.from} → ${p.to} ${p.status}${who}${when}${why}`;
}
