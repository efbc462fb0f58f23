import type { Db } from 'mongodb';
import type { RuleConfig } from '../config/rules-schema';
import { trackerFeeds } from '../config/trackers';
import type { TrackersFile } from '../config/trackers-schema';
import { addDays, dateInZone } from '../domain/dates';
import type { PlanExplanation } from '../domain/rebalance/explain';
import { measureOutcome } from '../domain/rebalance/outcome';
import type { PlanRecord } from '../domain/rebalance/plan-record';
import { isRevertPlan } from '../domain/rebalance/proposal-decisions';
import { trackerMaturity } from '../domain/trackers';
import { countsRevenue, fittedData, rowOutcome, type StoredPlanInputs } from '../reports/plan-explanation';
import { findPlanInputs, ledgerOfPlan } from '../storage/budget-store';
import { daysAfter, trackerSettledDays } from '../storage/tracker-outcomes';
import { outcomesOfRule, plansOfRule, saveOutcome } from '../storage/trust-store';

/**
 * Realised outcomes of a tracker-sourced rule, on the tracker's figures. The evidence a rule is judged on
 * (gatherRuleEvidence) measures the media's, and measureOutcome refuses those for a tracker plan; this measures and
 * stores the tracker's first, so the evidence finds them stored. Outcomes are stored once, as ever.
 */

/** Days read after a plan's day beyond the `outcomeDays` it needs: room for days the tracker was not pulled. */
const SPARE_DAYS = 7;

/** Measures and stores the outcomes of the rule's tracker plans whose days have settled since; returns how many. */
export async function measureTrackerOutcomes(
  db: Db,
  loadTrackers: () => TrackersFile,
  rule: Pick<RuleConfig, 'id' | 'outcomeSource'> & { version: string },
  days: number,
  now: Date,
): Promise<number> {
  if (rule.outcomeSource?.source !== 'tracker') return 0;
  let file: TrackersFile | undefined;
  const trackers = () => (file ??= loadTrackers());
  const plans = (await plansOfRule(db, rule.id, rule.version)).filter((p) => p.outcomeSource?.source === 'tracker');
  const measured = new Set((await outcomesOfRule(db, rule.id, rule.version)).map((o) => `${o.planId}|${o.key}`));
  let stored = 0;
  for (const plan of plans) stored += await measurePlan(db, trackers, plan, measured, days, now);
  return stored;
}

async function measurePlan(
  db: Db,
  loadTrackers: () => TrackersFile,
  plan: PlanRecord,
  measured: ReadonlySet<string>,
  days: number,
  now: Date,
): Promise<number> {
  const verdict = plan.decision?.verdict;
  if (isRevertPlan(plan) || (verdict !== 'approved' && verdict !== 'automatic')) return 0;
  const pending = plan.proposals.filter((p) => !measured.has(`${plan.planId}|${p.key}`));
  if (pending.length === 0) return 0;
  // Cheap before any read: until the tracker has settled the last day needed, nothing can be measured.
  const trackers = loadTrackers();
  const feeds = trackerFeeds(trackers, plan.advertiserId, pending);
  const lastNeeded = addDays(plan.date, days);
  if (!feeds.every((f) => trackerMaturity(now, f.timeZone, f.restatementWindowDays)(lastNeeded))) return 0;
  const applied = new Set(
    (await ledgerOfPlan(db, plan.planId)).filter((e) => e.status === 'applied').map((e) => e.key),
  );
  const toMeasure = pending.filter((p) => applied.has(p.key));
  if (toMeasure.length === 0) return 0;
  const inputs = (await findPlanInputs(db, plan.planId))?.inputs as StoredPlanInputs;
  const revenue = countsRevenue(inputs);
  const settled = await trackerSettledDays(db, trackers, plan, toMeasure, daysAfter(plan.date, days + SPARE_DAYS), now);
  let stored = 0;
  for (const p of toMeasure) {
    const after = (settled.get(p.key) ?? []).map((r) => ({ date: r.date, outcome: rowOutcome(r, revenue) }));
    const outcome = measureOutcome(plan, p, revenue, fittedData(inputs, p.key), after, days, 'tracker');
    if (!outcome) continue;
    await saveOutcome(db, outcome);
    stored += 1;
  }
  return stored;
}

/** The longest stretch after a plan's day `explain` reads tracker figures for (one find per app and day). */
const EXPLAIN_MAX_DAYS = 92;

/**
 * `adops explain` of a tracker plan: the settled days since the change on the tracker's outcome (with the media's
 * spend), in place of the media's own that gatherExplanation reads, so "after" compares like with like.
 */
export async function withTrackerAfter(
  db: Db,
  loadTrackers: () => TrackersFile,
  explanation: PlanExplanation,
  now: Date,
): Promise<PlanExplanation> {
  const { plan } = explanation;
  if (plan.outcomeSource?.source !== 'tracker') return explanation;
  const inputs = (await findPlanInputs(db, plan.planId))?.inputs as StoredPlanInputs;
  const revenue = countsRevenue(inputs);
  // From the plan's day on, as gatherExplanation reads the media's; a day after today (UTC) has no settled figure.
  const dates = [plan.date, ...daysAfter(plan.date, EXPLAIN_MAX_DAYS - 1)].filter((d) => d <= dateInZone(now, 'UTC'));
  const settled = await trackerSettledDays(db, loadTrackers(), plan, plan.proposals, dates, now);
  const evidence = new Map(explanation.evidence);
  for (const [key, ev] of evidence) {
    const rows = settled.get(key) ?? [];
    evidence.set(key, {
      ...ev,
      after: {
        days: rows.length,
        spendMicros: rows.reduce((s, r) => s + r.spendMicros, 0n),
        outcome: rows.reduce((s, r) => s + rowOutcome(r, revenue), 0),
      },
    });
  }
  return { ...explanation, evidence };
}
