import { dateInZone, type IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import type { PlanRecord } from '../domain/rebalance/plan-record';
import type { LedgerEntry } from '../storage/budget-store';
import type { ActionRow } from './model';

/**
 * Budget changes made in the period (their time taken in the agency zone), each with who decided and why. Pending
 * entries are left out (nothing happened yet), as are entries of other advertisers' plans and entries whose plan
 * is gone. Oldest first, as the changes happened.
 */
export function actionRows(
  entries: LedgerEntry[],
  plans: Map<string, PlanRecord>,
  period: { advertiserId: string; from: IsoDate; to: IsoDate; timeZone: string },
): ActionRow[] {
  const rows: ActionRow[] = [];
  for (const entry of entries) {
    if (entry.status === 'pending') continue;
    const plan = plans.get(entry.planId);
    if (!plan || plan.advertiserId !== period.advertiserId) continue;
    const at = entry.appliedAt ?? entry.updatedAt;
    const day = dateInZone(new Date(at), period.timeZone);
    if (day < period.from || day > period.to) continue;
    const proposal = plan.proposals.find((p) => p.key === entry.key);
    rows.push({
      at,
      platform: entry.platform as Platform,
      accountId: entry.accountId,
      entityId: entry.entityId,
      name: proposal?.name ?? entry.entityId,
      currency: plan.currency,
      fromMicros: BigInt(entry.fromMicros),
      toMicros: BigInt(entry.toMicros),
      status: entry.status,
      decidedBy: decidedBy(plan),
      reason: proposal?.reason ?? plan.decision?.reason ?? '',
      planId: entry.planId,
    });
  }
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.entityId < b.entityId ? -1 : 1));
}

/** "approved by kim", "automatic"; a plan applied without a recorded decision says so rather than guess. */
export function decidedBy(plan: Pick<PlanRecord, 'decision'>): string {
  const decision = plan.decision;
  if (!decision) return 'no decision recorded';
  if (decision.verdict === 'automatic') return 'automatic';
  return decision.by ? `${decision.verdict} by ${decision.by}` : decision.verdict;
}
