import type { Db } from 'mongodb';
import { measureOutcome } from '../domain/rebalance/outcome';
import type { AutomationLevel, PlanRecord } from '../domain/rebalance/plan-record';
import { isRevertPlan, proposalDecisions } from '../domain/rebalance/proposal-decisions';
import type { RuleEvidence } from '../domain/rebalance/rule-level';
import { findPlanInputs, ledgerOfPlan } from '../storage/budget-store';
import { levelChangesOf, outcomesOfRule, plansOfRule, saveOutcome } from '../storage/trust-store';
import { countsRevenue, fittedData, rowOutcome, settledDaysSince, type StoredPlanInputs } from './plan-explanation';

/**
 * Everything a rule's level is judged on, for its current version: the decision on every proposal (derived from the
 * stored plans), the realised outcomes (measured here for applied changes whose days have settled since last time,
 * then stored once) and the recorded promotions and demotions.
 */
export async function gatherRuleEvidence(
  db: Db,
  rule: { ruleId: string; ruleVersion: string; configLevel: AutomationLevel },
  outcomeDays: number,
): Promise<RuleEvidence> {
  const plans = await plansOfRule(db, rule.ruleId, rule.ruleVersion);
  let outcomes = await outcomesOfRule(db, rule.ruleId, rule.ruleVersion);
  const measured = new Set(outcomes.map((o) => `${o.planId}|${o.key}`));
  let added = 0;
  for (const plan of plans) added += await measureNewOutcomes(db, plan, measured, outcomeDays);
  if (added > 0) outcomes = await outcomesOfRule(db, rule.ruleId, rule.ruleVersion);
  return {
    ...rule,
    decisions: plans.flatMap(proposalDecisions),
    outcomes,
    changes: await levelChangesOf(db, rule.ruleId, rule.ruleVersion),
  };
}

/** Measures and stores the outcome of each applied change of the plan not measured yet; returns how many it stored. */
async function measureNewOutcomes(
  db: Db,
  plan: PlanRecord,
  measured: ReadonlySet<string>,
  days: number,
): Promise<number> {
  const verdict = plan.decision?.verdict;
  if (isRevertPlan(plan) || (verdict !== 'approved' && verdict !== 'automatic')) return 0;
  const pending = plan.proposals.filter((p) => !measured.has(`${plan.planId}|${p.key}`));
  if (pending.length === 0) return 0;
  const applied = new Set((await ledgerOfPlan(db, plan.planId)).filter((e) => e.status === 'applied').map((e) => e.key));
  const toMeasure = pending.filter((p) => applied.has(p.key));
  if (toMeasure.length === 0) return 0;
  const inputs = (await findPlanInputs(db, plan.planId))?.inputs as StoredPlanInputs;
  const revenue = countsRevenue(inputs);
  let stored = 0;
  for (const p of toMeasure) {
    const settled = (await settledDaysSince(db, plan, p)).map((r) => ({ date: r.date, outcome: rowOutcome(r, revenue) }));
    const outcome = measureOutcome(plan, p, revenue, fittedData(inputs, p.key), settled, days);
    if (!outcome) continue;
    await saveOutcome(db, outcome);
    stored += 1;
  }
  return stored;
}
