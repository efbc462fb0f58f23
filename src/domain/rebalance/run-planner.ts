import { buildPlan } from '../budget/plan';
import { parsePlanInput } from '../budget/plan-input';
import { requiredDailyBudget } from '../budget/pacing';
import type { IsoDate } from '../dates';
import type { MetricRow } from '../metrics';
import type { ProposalFigures } from './plan-record';

/** The planner's output as the engine stores it: one entry per budget, micros as decimal strings. */
export interface PlannerProposal extends ProposalFigures {
  /** The entity key; for a shared budget, the first entity that shares it (the write goes to the shared budget). */
  id: string;
  sharedWith: string[];
}

export interface PlannerResult {
  proposals: PlannerProposal[];
  skipped: Array<{ id: string; why: string }>;
  totalFromMicros: string;
  totalToMicros: string;
}

/** Runs the domain planner on its JSON input: the same parse and plan as `adops plan --input`. */
export function runPlanner(json: Record<string, unknown>): PlannerResult {
  const plan = buildPlan(parsePlanInput(json));
  return {
    proposals: plan.proposals.map((p) => ({
      id: p.entityIds[0] ?? p.id,
      sharedWith: p.entityIds.slice(1),
      fromMicros: p.fromMicros.toString(),
      toMicros: p.toMicros.toString(),
      changePct: p.changePct,
      predictedDelta: p.predicted.delta,
      predictedLow: p.predicted.deltaLow,
      predictedHigh: p.predicted.deltaHigh,
      exposureMicros: p.exposureMicros.toString(),
      reason: p.reason,
      boundBy: [...p.boundBy],
    })),
    skipped: plan.skipped.map((s) => ({ id: s.entityIds[0] ?? s.id, why: s.why })),
    totalFromMicros: plan.totalFromMicros.toString(),
    totalToMicros: plan.totalToMicros.toString(),
  };
}

/**
 * Today's total for a monthly budget: what is left after month-to-date spend, spread over the days left, evenly or
 * by weekday in proportion to the scope's own average spend per weekday over its history.
 */
export function pacedDailyTotal(
  monthlyMicros: bigint,
  monthToDate: readonly MetricRow[],
  history: readonly MetricRow[],
  date: IsoDate,
  weighting: 'even' | 'weekday',
): bigint {
  const spentToDateMicros = monthToDate.reduce((sum, row) => sum + row.spendMicros, 0n);
  return requiredDailyBudget({
    monthlyBudgetMicros: monthlyMicros,
    spentToDateMicros,
    date,
    ...(weighting === 'weekday' ? { weekdayWeights: weekdayWeights(history) } : {}),
  }).todayMicros;
}

/** Average spend per ISO weekday (Monday first); even where a weekday has no data. */
export function weekdayWeights(rows: readonly MetricRow[]): number[] {
  const sums = Array.from({ length: 7 }, () => 0);
  const days = Array.from({ length: 7 }, () => new Set<string>());
  for (const row of rows) {
    const weekday = (new Date(`${row.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    sums[weekday] = (sums[weekday] as number) + Number(row.spendMicros);
    days[weekday]?.add(row.date);
  }
  const means = sums.map((s, i) => (days[i]?.size ? s / (days[i]?.size as number) : 0));
  const overall = means.filter((m) => m > 0);
  const fallback = overall.length ? overall.reduce((a, b) => a + b, 0) / overall.length : 1;
  return means.map((m) => (m > 0 ? m : fallback));
}
