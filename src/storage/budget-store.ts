import type { Db } from 'mongodb';
import type { DecisionRecord, PlanRecord, PlanStatus } from '../domain/rebalance/plan-record';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

/**
 * budget_plans (one document per plan), budget_plan_inputs (the planner's exact input, hashed) and budget_ledger (one
 * entry per plan and entity, the exactly-once record of a budget change). Plain find/insert/update only, inside the
 * FerretDB subset (docs/architecture.md).
 */

/** Stores a plan once: a retried plan activity gets back the plan stored first, never a second one. */
export async function insertPlanOnce(db: Db, plan: PlanRecord, inputs: unknown): Promise<PlanRecord> {
  try {
    await db
      .collection(COLLECTIONS.budgetPlanInputs)
      .insertOne({ _id: plan.planId as never, hash: plan.inputsHash, inputs });
  } catch (err) {
    if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
  }
  try {
    await db.collection(COLLECTIONS.budgetPlans).insertOne({ _id: plan.planId as never, ...plan });
    return plan;
  } catch (err) {
    if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    const stored = await findPlan(db, plan.planId);
    if (!stored) throw err;
    return stored;
  }
}

export async function findPlan(db: Db, planId: string): Promise<PlanRecord | null> {
  const doc = await db.collection(COLLECTIONS.budgetPlans).findOne({ _id: planId as never });
  if (!doc) return null;
  const { _id, ...plan } = doc;
  return plan as unknown as PlanRecord;
}

export async function findPlanInputs(db: Db, planId: string): Promise<{ hash: string; inputs: unknown } | null> {
  const doc = await db.collection(COLLECTIONS.budgetPlanInputs).findOne({ _id: planId as never });
  return doc ? { hash: doc.hash as string, inputs: doc.inputs } : null;
}

export async function setPlanStatus(
  db: Db,
  planId: string,
  status: PlanStatus,
  extra: { decision?: DecisionRecord; expiresAt?: string } = {},
): Promise<void> {
  await db
    .collection(COLLECTIONS.budgetPlans)
    .updateOne({ _id: planId as never }, { $set: { status, ...extra, updatedAt: new Date().toISOString() } });
}

export async function listPlans(
  db: Db,
  filter: { advertiserId?: string; status?: PlanStatus } = {},
): Promise<PlanRecord[]> {
  const docs = await db.collection(COLLECTIONS.budgetPlans).find(filter).sort({ createdAt: -1 }).limit(200).toArray();
  return docs.map(({ _id, ...plan }) => plan as unknown as PlanRecord);
}

export type LedgerStatus = 'pending' | 'applied' | 'conflict' | 'refused' | 'failed';

export interface LedgerEntry {
  planId: string;
  key: string;
  platform: string;
  accountId: string;
  level: string;
  entityId: string;
  fromMicros: string;
  toMicros: string;
  status: LedgerStatus;
  /** The budget read just before writing (on a conflict: what someone else set). */
  observedMicros?: string;
  /** The budget read back after writing. */
  readBackMicros?: string;
  /** The platform's answer to the write, secrets removed. */
  receipt?: unknown;
  detail?: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  appliedAt?: string;
}

export const ledgerId = (planId: string, key: string) => `${planId}#${key}`;

/**
 * The entry for this plan and entity, created pending if absent. Written BEFORE any call to the platform. `at` is the
 * activity's clock, so cooldowns measured against it (planRule) agree with it, in a simulation too.
 */
export async function openLedgerEntry(
  db: Db,
  entry: Omit<LedgerEntry, 'status' | 'attempts' | 'createdAt' | 'updatedAt'>,
  at: Date = new Date(),
): Promise<LedgerEntry> {
  const now = at.toISOString();
  const collection = db.collection(COLLECTIONS.budgetLedger);
  const _id = ledgerId(entry.planId, entry.key) as never;
  try {
    await collection.insertOne({ _id, ...entry, status: 'pending', attempts: 0, createdAt: now, updatedAt: now });
  } catch (err) {
    if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
  }
  await collection.updateOne({ _id }, { $inc: { attempts: 1 }, $set: { updatedAt: now } });
  const doc = await collection.findOne({ _id });
  const { _id: _ignored, ...stored } = doc as Record<string, unknown>;
  return stored as unknown as LedgerEntry;
}

export async function closeLedgerEntry(
  db: Db,
  planId: string,
  key: string,
  outcome: Pick<LedgerEntry, 'status'> &
    Partial<Pick<LedgerEntry, 'observedMicros' | 'readBackMicros' | 'receipt' | 'detail'>>,
  at: Date = new Date(),
): Promise<void> {
  const now = at.toISOString();
  await db
    .collection(COLLECTIONS.budgetLedger)
    .updateOne(
      { _id: ledgerId(planId, key) as never },
      { $set: { ...outcome, updatedAt: now, ...(outcome.status === 'applied' ? { appliedAt: now } : {}) } },
    );
}

export async function ledgerOfPlan(db: Db, planId: string): Promise<LedgerEntry[]> {
  const docs = await db.collection(COLLECTIONS.budgetLedger).find({ planId }).toArray();
  return docs.map(({ _id, ...entry }) => entry as unknown as LedgerEntry);
}

/** Changes applied to these accounts since `since` (ISO time): cooldowns and the per-account daily cap read them. */
export async function appliedSince(db: Db, accountIds: string[], since: string): Promise<LedgerEntry[]> {
  if (accountIds.length === 0) return [];
  const docs = await db
    .collection(COLLECTIONS.budgetLedger)
    .find({ accountId: { $in: accountIds }, status: 'applied' })
    .toArray();
  // The time comparison is done here: FerretDB 1.24 does not push range filters down, and the ledger is small.
  return docs.map(({ _id, ...entry }) => entry as unknown as LedgerEntry).filter((e) => (e.appliedAt ?? '') >= since);
}
