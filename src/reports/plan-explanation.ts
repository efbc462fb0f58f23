import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { buildPlan } from '../domain/budget/plan';
import { parsePlanInput } from '../domain/budget/plan-input';
import type { MetricRow } from '../domain/metrics';
import { proposalKey, type PlanRecord, type ProposalRecord } from '../domain/rebalance/plan-record';
import type { PlanExplanation, ProposalEvidence } from '../domain/rebalance/explain';
import { findPlan, findPlanInputs, ledgerOfPlan } from '../storage/budget-store';
import { COLLECTIONS } from '../storage/mongo';

interface StoredEntityInput {
  id: string;
  history: Array<{ date: string; spendMicros: string; conversions: number; revenueMicros: string }>;
}

/** A plan's stored planner input, as far as explain and outcomes read it. */
export type StoredPlanInputs = { objective?: { kind?: string }; entities?: StoredEntityInput[] } | undefined;

/** Whether the plan's outcome is revenue: the planner input says (a paced rule may count either). */
export function countsRevenue(inputs: StoredPlanInputs): boolean {
  return inputs?.objective?.kind === 'maxRevenue' || inputs?.objective?.kind === 'targetRoas';
}

/** What the curve was fitted on for one proposal: the history in the plan's stored input; revenue in major units. */
export function fittedData(inputs: StoredPlanInputs, key: string): ProposalEvidence['data'] {
  const revenue = countsRevenue(inputs);
  const history = inputs?.entities?.find((e) => e.id === key)?.history ?? [];
  const dates = history.map((h) => h.date).sort();
  return {
    days: history.length,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    spendMicros: history.reduce((s, h) => s + BigInt(h.spendMicros), 0n),
    outcome: history.reduce((s, h) => s + (revenue ? Number(h.revenueMicros) / 1e6 : h.conversions), 0),
  };
}

/** One stored day's outcome in the plan's unit: conversions, or revenue in major units. */
export const rowOutcome = (row: MetricRow, revenue: boolean): number =>
  revenue ? Number(row.conversionValueMicros) / 1e6 : row.conversions;

/** The proposal's entity's settled days from the plan's day on, in date order. */
export async function settledDaysSince(db: Db, plan: PlanRecord, p: ProposalRecord): Promise<MetricRow[]> {
  const rows = (await db
    .collection<MetricRow>(COLLECTIONS.metricsDaily)
    .find({ platform: p.platform, accountId: p.accountId, level: p.level, entityId: p.entityId })
    .toArray()) as MetricRow[];
  return rows
    .filter((r) => r.date >= plan.date && r.mature && proposalKey(r) === p.key)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Everything `adops explain` shows for a plan: the plan and its decision, its stored planner input (hash re-checked,
 * re-planned to show the same targets and the fitted curves), the ledger with the platform's receipts, the pull the
 * data came from, and the settled days since the change.
 */
export async function gatherExplanation(db: Db, planId: string): Promise<PlanExplanation> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new Error(`no plan ${planId} in budget_plans; list them with: bin/adops plans`);
  const stored = await findPlanInputs(db, planId);
  const inputs = stored?.inputs as StoredPlanInputs;
  const inputsIntact =
    stored !== null && createHash('sha256').update(JSON.stringify(stored.inputs)).digest('hex') === plan.inputsHash;
  const replanned = inputs ? buildPlan(parsePlanInput(inputs)) : undefined;
  const byTarget = new Map(replanned?.proposals.map((p) => [p.entityIds[0] ?? p.id, p]) ?? []);
  const replaysIdentically = plan.proposals.every((p) => byTarget.get(p.key)?.toMicros.toString() === p.toMicros);
  const revenue = countsRevenue(inputs);
  const ledger = new Map((await ledgerOfPlan(db, planId)).map((e) => [e.key, e]));
  const pulls = new Map(
    (await db.collection(COLLECTIONS.pullState).find({}).toArray()).map((d) => [String(d._id), d]),
  );

  const evidence = new Map<string, ProposalEvidence>();
  for (const p of plan.proposals) {
    const curve = byTarget.get(p.key)?.curve;
    const pull = pulls.get(`${p.platform}|${p.accountId}`);
    const entry = ledger.get(p.key);
    const settledAfter = await settledDaysSince(db, plan, p);
    evidence.set(p.key, {
      key: p.key,
      data: fittedData(inputs, p.key),
      pull: pull
        ? {
            lastPulledAt: pull.lastPulledAt instanceof Date ? pull.lastPulledAt.toISOString() : null,
            pulledThrough: typeof pull.pulledThrough === 'string' ? pull.pulledThrough : null,
          }
        : null,
      curve: curve ? { b: curve.b, sdB: curve.sdB, level: curve.level, sdLevel: curve.sdLevel } : null,
      ledger: entry
        ? {
            status: entry.status,
            ...(entry.observedMicros ? { observedMicros: entry.observedMicros } : {}),
            ...(entry.readBackMicros ? { readBackMicros: entry.readBackMicros } : {}),
            ...(entry.receipt ? { receipt: describeReceipt(entry.receipt) } : {}),
            ...(entry.detail ? { detail: entry.detail } : {}),
            ...(entry.appliedAt ? { at: entry.appliedAt } : { at: entry.updatedAt }),
          }
        : null,
      after: {
        days: settledAfter.length,
        spendMicros: settledAfter.reduce((s, r) => s + r.spendMicros, 0n),
        outcome: settledAfter.reduce((s, r) => s + rowOutcome(r, revenue), 0),
      },
    });
  }
  return { plan, inputsIntact, replaysIdentically, evidence };
}

/** "POST https://…/campaign/update/ → 200 (reference …)": what was asked and answered, no body, no secrets. */
function describeReceipt(receipt: unknown): string {
  const r = receipt as { request?: { method?: string; url?: string }; status?: number; reference?: string };
  return `${r.request?.method ?? ''} ${r.request?.url ?? ''} → ${r.status ?? '?'}${r.reference ? ` (reference ${r.reference})` : ''}`.trim();
}
