import type { OutcomeRecord } from './outcome';
import type { AutomationLevel } from './plan-record';
import { AE_VERDICTS, type ProposalDecision } from './proposal-decisions';
import { LEVELS, pct, ruleStats, type LevelStats, type PromotionBar } from './rule-stats';

/**
 * A rule's effective level: its level in config/rules.yaml, moved by the promotions and demotions recorded (rule_levels,
 * append-only) for this version of the rule. A changed rule is a new version and starts again from config.
 */
export interface LevelChange {
  /** Idempotency key: a promotion is the n-th change of the version, a demotion the evidence it was judged on. */
  id: string;
  ruleId: string;
  ruleVersion: string;
  kind: 'promotion' | 'demotion';
  from: AutomationLevel;
  to: AutomationLevel;
  /** Who confirmed a promotion; "automatic" for a demotion. */
  by: string;
  reason: string;
  at: string;
  /** How many changes of this version came before it: orders changes made in the same millisecond. */
  seq: number;
  /** A promotion confirmed although the bar was not met. */
  forced?: boolean;
  /** The rulePromotion workflow whose proposal this promotion confirmed (absent: `adops rules promote`). */
  proposal?: string;
  figures: JudgedFigures;
  evidence: string;
}

/** The figures a change was judged on: the level's (promotion) or the recent window's (demotion). */
export interface JudgedFigures {
  recorded?: number;
  decided: number;
  agreementPct: number | null;
  outcomes: number;
  calibrationPct: number | null;
}

/**
 * The latest evidence at the current level since the rule entered it: the last `recentDecisions` AE decisions and
 * outcomes. The percentages are the best the full window can still reach, (window − misses) ÷ window: a full window
 * gives the plain rate, and a thin one demotes only once enough misses make the bar unreachable.
 */
export interface RecentFigures {
  window: number;
  decided: number;
  disagreed: number;
  agreementPct: number | null;
  outcomes: number;
  missed: number;
  calibrationPct: number | null;
  /** Names the evidence (counts and the last decision and outcome seen): one demotion per evidence. */
  evidence: string;
}

export interface RuleEvidence {
  ruleId: string;
  ruleVersion: string;
  configLevel: AutomationLevel;
  decisions: readonly ProposalDecision[];
  outcomes: readonly OutcomeRecord[];
  changes: readonly LevelChange[];
}

export interface RuleAssessment {
  ruleId: string;
  ruleVersion: string;
  configLevel: AutomationLevel;
  level: AutomationLevel;
  lastChange?: LevelChange;
  /** Why the effective level is what it is, when a change is in force (plans carry it). */
  note?: string;
  stats: LevelStats[];
  recent: RecentFigures;
  /** Promotion to the next level: whether the bar is met, and what is missing if not. */
  promotion: { to: AutomationLevel | null; met: boolean; missing: string[] };
  /** A demotion the recent figures call for (one level down), or null. */
  demotion: { to: AutomationLevel; why: string } | null;
}

const byTime = (a: LevelChange, b: LevelChange) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1);

export function assessRule(e: RuleEvidence, bar: PromotionBar): RuleAssessment {
  const changes = e.changes.filter((c) => c.ruleId === e.ruleId && c.ruleVersion === e.ruleVersion).sort(byTime);
  const decisions = e.decisions.filter((d) => d.ruleId === e.ruleId && d.ruleVersion === e.ruleVersion);
  const outcomes = e.outcomes.filter((o) => o.ruleId === e.ruleId && o.ruleVersion === e.ruleVersion);
  const lastChange = changes.at(-1);
  const level = lastChange?.to ?? e.configLevel;
  // Evidence from an earlier stint at this level was judged then: only what came after the rule (re)entered it counts.
  const since = changes.filter((c) => c.to === level).at(-1)?.at ?? '';
  const recent = recentFigures(
    e.ruleVersion,
    decisions.filter((d) => d.level === level && d.planCreatedAt >= since),
    outcomes.filter((o) => o.level === level && o.planCreatedAt >= since),
    bar.recentDecisions,
  );
  const stats = ruleStats(decisions, outcomes);
  const demotion = demotionFor(level, recent, bar);
  return {
    ruleId: e.ruleId,
    ruleVersion: e.ruleVersion,
    configLevel: e.configLevel,
    level,
    ...(lastChange ? { lastChange, note: levelNote(lastChange, e.configLevel) } : {}),
    stats,
    recent,
    promotion: promotionCheck(
      level,
      stats.find((s) => s.level === level),
      demotion,
      bar,
    ),
    demotion,
  };
}

export function recentFigures(
  ruleVersion: string,
  decisions: readonly ProposalDecision[],
  outcomes: readonly OutcomeRecord[],
  window: number,
): RecentFigures {
  const order = (a: { planId: string; key: string }, b: { planId: string; key: string }, ta: string, tb: string) =>
    ta !== tb ? (ta < tb ? -1 : 1) : a.planId !== b.planId ? (a.planId < b.planId ? -1 : 1) : a.key < b.key ? -1 : 1;
  const decided = decisions
    .filter((d) => AE_VERDICTS.has(d.verdict))
    .sort((a, b) => order(a, b, a.at, b.at))
    .slice(-window);
  const measured = [...outcomes].sort((a, b) => order(a, b, a.planCreatedAt, b.planCreatedAt)).slice(-window);
  const disagreed = decided.filter((d) => d.verdict !== 'approved_unchanged').length;
  const missed = measured.filter((o) => !o.inBand).length;
  const last = (x: { planId: string; key: string } | undefined) => (x ? `${x.planId}#${x.key}` : '-');
  return {
    window,
    decided: decided.length,
    disagreed,
    agreementPct: decided.length === 0 ? null : pct(window - disagreed, window),
    outcomes: measured.length,
    missed,
    calibrationPct: measured.length === 0 ? null : pct(window - missed, window),
    evidence: `${ruleVersion}:d${decided.length}@${last(decided.at(-1))}/o${measured.length}@${last(measured.at(-1))}`,
  };
}

export function demotionFor(
  level: AutomationLevel,
  recent: RecentFigures,
  bar: PromotionBar,
): { to: AutomationLevel; why: string } | null {
  const below = LEVELS[LEVELS.indexOf(level) - 1];
  if (!below) return null;
  const reasons: string[] = [];
  if (recent.agreementPct !== null && recent.agreementPct < bar.minAgreementPct)
    reasons.push(
      `recent agreement ${recent.agreementPct}% is below ${bar.minAgreementPct}% (${recent.disagreed} of the last ${recent.decided} decided proposals not approved unchanged, window ${recent.window})`,
    );
  if (recent.calibrationPct !== null && recent.calibrationPct < bar.minCalibrationPct)
    reasons.push(
      `recent calibration ${recent.calibrationPct}% is below ${bar.minCalibrationPct}% (${recent.missed} of the last ${recent.outcomes} realised outcomes outside the predicted band, window ${recent.window})`,
    );
  return reasons.length ? { to: below, why: reasons.join('; ') } : null;
}

export function promotionCheck(
  level: AutomationLevel,
  stats: LevelStats | undefined,
  demotion: { why: string } | null,
  bar: PromotionBar,
): RuleAssessment['promotion'] {
  const to = LEVELS[LEVELS.indexOf(level) + 1] ?? null;
  if (!to) return { to: null, met: false, missing: ['auto is the top of the ladder'] };
  const missing: string[] = [];
  if (level === 'shadow') {
    // Shadow plans reach no AE and change nothing, so there is no agreement or outcome to measure: leaving shadow
    // asks for enough recorded proposals to review, and the move to approve still puts an AE before every change.
    const recorded = stats?.recorded ?? 0;
    if (recorded < bar.minDecisions)
      missing.push(`${recorded} proposals recorded in shadow, fewer than ${bar.minDecisions}`);
    return { to, met: missing.length === 0, missing };
  }
  const decided = stats?.decided ?? 0;
  const outcomes = stats?.outcomes ?? 0;
  if (decided < bar.minDecisions) missing.push(`${decided} decided proposals, fewer than ${bar.minDecisions}`);
  if (stats?.agreementPct != null && stats.agreementPct < bar.minAgreementPct)
    missing.push(`agreement ${stats.agreementPct}% is below ${bar.minAgreementPct}%`);
  if (outcomes < bar.minOutcomes) missing.push(`${outcomes} realised outcomes, fewer than ${bar.minOutcomes}`);
  if (stats?.calibrationPct != null && stats.calibrationPct < bar.minCalibrationPct)
    missing.push(`calibration ${stats.calibrationPct}% is below ${bar.minCalibrationPct}%`);
  if (demotion) missing.push(`recent figures call for a demotion: ${demotion.why}`);
  return { to, met: missing.length === 0, missing };
}

export function levelNote(change: LevelChange, configLevel: AutomationLevel): string {
  const how =
    change.kind === 'demotion'
      ? 'demoted automatically'
      : `promoted by ${change.by}${change.forced ? ' (forced)' : ''}`;
  return `${how} ${change.from} → ${change.to} at ${change.at} (config says ${configLevel}): ${change.reason}`;
}

/** The demotion to record for this assessment, keyed by the rule version and the evidence it saw, or null. */
export function demotionChange(a: RuleAssessment, changesSoFar: number, at: string): LevelChange | null {
  if (!a.demotion) return null;
  return {
    id: `demote|${a.ruleId}|${a.level}|${a.recent.evidence}`,
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion,
    kind: 'demotion',
    from: a.level,
    to: a.demotion.to,
    by: 'automatic',
    reason: a.demotion.why,
    at,
    seq: changesSoFar,
    figures: {
      decided: a.recent.decided,
      agreementPct: a.recent.agreementPct,
      outcomes: a.recent.outcomes,
      calibrationPct: a.recent.calibrationPct,
    },
    evidence: a.recent.evidence,
  };
}

export class PromotionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Not promoted: ${problems.join('; ')}`);
    this.name = 'PromotionError';
  }
}

/** The idempotency key of a version's promotion: the n-th level change of that version of the rule. */
export const promotionChangeId = (ruleId: string, ruleVersion: string, changesSoFar: number): string =>
  `promote|${ruleId}|${ruleVersion}|${changesSoFar}`;

/** The figures a promotion from the assessed level is judged on: the whole stint's, at that level. */
export function promotionFigures(a: RuleAssessment): JudgedFigures {
  const figures = a.stats.find((s) => s.level === a.level);
  return {
    recorded: figures?.recorded ?? 0,
    decided: figures?.decided ?? 0,
    agreementPct: figures?.agreementPct ?? null,
    outcomes: figures?.outcomes ?? 0,
    calibrationPct: figures?.calibrationPct ?? null,
  };
}

/**
 * The promotion an engineer confirms: one level up, only when the bar is met, or with `force` and a reason. Throws a
 * PromotionError naming what is wrong or missing; nothing is to be written then.
 */
export function promotionChange(
  a: RuleAssessment,
  request: { by: string; reason?: string; force?: boolean; proposal?: string },
  changesSoFar: number,
  at: string,
): LevelChange {
  const problems: string[] = [];
  const by = request.by.trim();
  const reason = request.reason?.trim() ?? '';
  if (by === '' || by.length > 100) problems.push('--by: who confirms, 1-100 characters');
  if (reason.length > 1000) problems.push('--reason: up to 1000 characters');
  if (request.force && reason === '') problems.push('--force needs --reason: say why the bar is overridden');
  const to = a.promotion.to;
  if (!to) problems.push(`${a.ruleId} is already at ${a.level}, the top of the ladder`);
  else if (!a.promotion.met && !request.force)
    problems.push(
      `${a.ruleId} does not meet the bar for ${a.level} → ${to}: ${a.promotion.missing.join('; ')} (see: adops rules stats --rule ${a.ruleId})`,
    );
  if (problems.length > 0 || !to) throw new PromotionError(problems);
  return {
    id: promotionChangeId(a.ruleId, a.ruleVersion, changesSoFar),
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion,
    kind: 'promotion',
    from: a.level,
    to,
    by,
    reason: reason || 'the promotion bar is met',
    at,
    seq: changesSoFar,
    ...(a.promotion.met ? {} : { forced: true }),
    ...(request.proposal ? { proposal: request.proposal } : {}),
    figures: promotionFigures(a),
    evidence: a.recent.evidence,
  };
}
