import type { AutomationLevel, PlanRecord } from './plan-record';

/**
 * What happened to one proposal, derived from its stored plan (budget_plans holds every decision, so deriving is exact
 * and needs no second record that could drift from it):
 * - recorded: a shadow plan, recorded only (no AE sees it);
 * - approved_unchanged: the AE approved the whole plan as proposed;
 * - approved_in_part: the AE approved the plan with `only` (a subset of its proposals), and this one among them.
 *   The `decide` Update cannot change an amount, so "in part" means the plan was cut, not edited: the engine's
 *   allocation was not accepted as a whole;
 * - rejected: the AE rejected the plan, or left this proposal out of a partial approval;
 * - expired: nobody decided before the plan expired;
 * - automatic: an auto plan applied without asking.
 */
export type ProposalVerdict =
  'recorded' | 'approved_unchanged' | 'approved_in_part' | 'rejected' | 'expired' | 'automatic';

export interface ProposalDecision {
  planId: string;
  key: string;
  ruleId: string;
  ruleVersion: string;
  level: AutomationLevel;
  verdict: ProposalVerdict;
  /** When the plan was made: the level the evidence belongs to is the one in force then. */
  planCreatedAt: string;
  /** When it was decided (the plan's time for a recorded shadow plan). */
  at: string;
}

/** Verdicts an AE gave: the denominator of the agreement rate. Expiry is nobody's decision, automatic neither. */
export const AE_VERDICTS: ReadonlySet<ProposalVerdict> = new Set([
  'approved_unchanged',
  'approved_in_part',
  'rejected',
]);

/** A revert plan undoes a plan; it is not a proposal of the rule and says nothing about it. */
export const isRevertPlan = (plan: Pick<PlanRecord, 'planId'>) => plan.planId.startsWith('revert-');

export function proposalDecisions(plan: PlanRecord): ProposalDecision[] {
  if (isRevertPlan(plan) || plan.proposals.length === 0) return [];
  const base = (key: string, verdict: ProposalVerdict, at: string): ProposalDecision => ({
    planId: plan.planId,
    key,
    ruleId: plan.ruleId,
    ruleVersion: plan.ruleVersion,
    level: plan.automation,
    verdict,
    planCreatedAt: plan.createdAt,
    at,
  });
  if (plan.status === 'shadow') return plan.proposals.map((p) => base(p.key, 'recorded', plan.createdAt));
  const d = plan.decision;
  if (!d) return [];
  const approved = new Set(d.approvedKeys);
  const whole = plan.proposals.every((p) => approved.has(p.key));
  return plan.proposals.map((p) => {
    if (d.verdict === 'automatic' || d.verdict === 'expired' || d.verdict === 'rejected')
      return base(p.key, d.verdict, d.at);
    if (!approved.has(p.key)) return base(p.key, 'rejected', d.at);
    return base(p.key, whole ? 'approved_unchanged' : 'approved_in_part', d.at);
  });
}
