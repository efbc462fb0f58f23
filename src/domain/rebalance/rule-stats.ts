import type { OutcomeRecord } from './outcome';
import type { AutomationLevel } from './plan-record';
import { AE_VERDICTS, type ProposalDecision } from './proposal-decisions';

/** config/rules.yaml `promotion:` (defaults in src/config/rules-schema.ts). */
export interface PromotionBar {
  minAgreementPct: number;
  minDecisions: number;
  minCalibrationPct: number;
  minOutcomes: number;
  recentDecisions: number;
  outcomeDays: number;
  /** Milliseconds a promotion proposal waits for confirmation (config: a duration such as "7d"). */
  proposalExpiresAfter: number;
}

export const LEVELS: readonly AutomationLevel[] = ['shadow', 'approve', 'auto'];

/** One rule's figures at one level, over every proposal made at that level. */
export interface LevelStats {
  level: AutomationLevel;
  /** Proposals recorded in shadow plans (no AE sees them). */
  recorded: number;
  /** Proposals an AE decided: approved unchanged, approved in part or rejected. */
  decided: number;
  approvedUnchanged: number;
  approvedInPart: number;
  rejected: number;
  expired: number;
  automatic: number;
  /** approvedUnchanged ÷ decided, in percent; null without a decision. */
  agreementPct: number | null;
  outcomes: number;
  inBand: number;
  /** inBand ÷ outcomes, in percent; null without an outcome. */
  calibrationPct: number | null;
  /** Realised against predicted change per day, summed over the outcomes, one entry per unit. */
  gain: Array<{ unit: string; realised: number; predicted: number }>;
}

export const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export function levelStats(
  level: AutomationLevel,
  decisions: readonly ProposalDecision[],
  outcomes: readonly OutcomeRecord[],
): LevelStats {
  const mine = decisions.filter((d) => d.level === level);
  const count = (verdict: ProposalDecision['verdict']) => mine.filter((d) => d.verdict === verdict).length;
  const decided = mine.filter((d) => AE_VERDICTS.has(d.verdict)).length;
  const approvedUnchanged = count('approved_unchanged');
  const measured = outcomes.filter((o) => o.level === level);
  const inBand = measured.filter((o) => o.inBand).length;
  const gain = new Map<string, { unit: string; realised: number; predicted: number }>();
  for (const o of measured) {
    const g = gain.get(o.unit) ?? { unit: o.unit, realised: 0, predicted: 0 };
    g.realised += o.realisedDelta;
    g.predicted += o.predictedDelta;
    gain.set(o.unit, g);
  }
  return {
    level,
    recorded: count('recorded'),
    decided,
    approvedUnchanged,
    approvedInPart: count('approved_in_part'),
    rejected: count('rejected'),
    expired: count('expired'),
    automatic: count('automatic'),
    agreementPct: pct(approvedUnchanged, decided),
    outcomes: measured.length,
    inBand,
    calibrationPct: pct(inBand, measured.length),
    gain: [...gain.values()].sort((a, b) => (a.unit < b.unit ? -1 : 1)),
  };
}

/** Figures per level that has any evidence, in ladder order. */
export function ruleStats(decisions: readonly ProposalDecision[], outcomes: readonly OutcomeRecord[]): LevelStats[] {
  return LEVELS.filter((l) => decisions.some((d) => d.level === l) || outcomes.some((o) => o.level === l)).map((l) =>
    levelStats(l, decisions, outcomes),
  );
}
