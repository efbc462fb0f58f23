import type { AutomationLevel, PlanRecord, ProposalRecord } from './plan-record';

/**
 * The realised outcome of one applied proposal, measured once its first `days` settled days after the plan's day
 * exist, and stored (budget_outcomes) so the figures never move afterwards.
 *
 * Outcomes are per day in the objective's unit: conversions, or revenue in the currency's major units. "Before" is the
 * average day of the history the curve was fitted on (the plan's stored input), "after" the average of the measured
 * days; the realised change is their difference, compared with the predicted change and its 90% band. This reads
 * seasonality into the realised change as well; it is the same before/after comparison `adops explain` shows.
 */
export interface OutcomeRecord {
  planId: string;
  key: string;
  ruleId: string;
  ruleVersion: string;
  level: AutomationLevel;
  currency: string;
  planCreatedAt: string;
  /**
   * "conversions" or "revenue <currency>"; for a tracker plan "tracker installs" (its count) or "tracker revenue
   * <currency>": realised gains add up only within one unit.
   */
  unit: string;
  days: number;
  firstDay: string;
  lastDay: string;
  beforePerDay: number;
  afterPerDay: number;
  realisedDelta: number;
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
  inBand: boolean;
}

export interface OutcomePlan {
  planId: string;
  ruleId: string;
  ruleVersion: string;
  automation: AutomationLevel;
  currency: string;
  createdAt: string;
  date: string;
  /** A plan fitted on tracker figures is measured on tracker figures too. */
  outcomeSource?: PlanRecord['outcomeSource'];
}

/**
 * The outcome of a proposal from its history (what the curve saw) and its settled days after the plan's day, or null
 * while fewer than `days` of them are settled. Revenue figures arrive in major units; predictions are in the
 * planner's unit (revenue in micros), so they are scaled to match.
 *
 * `figures` says where the settled days' outcomes come from. A plan fitted on the tracker's outcome is measured only
 * on the tracker's (null otherwise): its "before" is tracker figures, and the media's "after" would compare other
 * counts, and could be stored first, since outcomes are stored once.
 */
export function measureOutcome(
  plan: OutcomePlan,
  proposal: Pick<ProposalRecord, 'key' | 'predictedDelta' | 'predictedLow' | 'predictedHigh'>,
  revenue: boolean,
  before: { days: number; outcome: number },
  settled: ReadonlyArray<{ date: string; outcome: number }>,
  days: number,
  figures: 'media' | 'tracker' = 'media',
): OutcomeRecord | null {
  if ((plan.outcomeSource?.source ?? 'media') !== figures) return null;
  // The plan's own day is mixed (the change lands during it): only the days after it count.
  const after = [...settled].filter((d) => d.date > plan.date).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (after.length < days || before.days === 0) return null;
  const measured = after.slice(0, days);
  const scale = revenue ? 1e-6 : 1;
  const beforePerDay = before.outcome / before.days;
  const afterPerDay = measured.reduce((s, d) => s + d.outcome, 0) / days;
  const realisedDelta = afterPerDay - beforePerDay;
  const predictedLow = proposal.predictedLow * scale;
  const predictedHigh = proposal.predictedHigh * scale;
  return {
    planId: plan.planId,
    key: proposal.key,
    ruleId: plan.ruleId,
    ruleVersion: plan.ruleVersion,
    level: plan.automation,
    currency: plan.currency,
    planCreatedAt: plan.createdAt,
    unit: outcomeUnit(plan, revenue),
    days,
    firstDay: measured[0]!.date,
    lastDay: measured.at(-1)!.date,
    beforePerDay,
    afterPerDay,
    realisedDelta,
    predictedDelta: proposal.predictedDelta * scale,
    predictedLow,
    predictedHigh,
    inBand: realisedDelta >= predictedLow && realisedDelta <= predictedHigh,
  };
}

function outcomeUnit(plan: OutcomePlan, revenue: boolean): string {
  const tracker = plan.outcomeSource?.source === 'tracker' ? plan.outcomeSource : undefined;
  const what = revenue ? `revenue ${plan.currency}` : (tracker?.conversions ?? 'conversions');
  return tracker ? `tracker ${what}` : what;
}
