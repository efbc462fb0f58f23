import type { Db } from 'mongodb';
import type { OutcomeRecord } from '../domain/rebalance/outcome';
import type { PlanRecord } from '../domain/rebalance/plan-record';
import type { LevelChange } from '../domain/rebalance/rule-level';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

/**
 * The evidence a rule's level rests on: its plans (decisions live in budget_plans), budget_outcomes (one realised
 * outcome per plan and proposal, written once) and rule_levels (append-only promotions and demotions). Plain
 * find/insert/upsert, inside the FerretDB subset (docs/architecture.md).
 */

export async function plansOfRule(db: Db, ruleId: string, ruleVersion: string): Promise<PlanRecord[]> {
  const docs = await db.collection(COLLECTIONS.budgetPlans).find({ ruleId, ruleVersion }).toArray();
  return docs.map(({ _id, ...plan }) => plan as unknown as PlanRecord);
}

export async function outcomesOfRule(db: Db, ruleId: string, ruleVersion: string): Promise<OutcomeRecord[]> {
  const docs = await db.collection(COLLECTIONS.budgetOutcomes).find({ ruleId, ruleVersion }).toArray();
  return docs.map(({ _id, ...o }) => o as unknown as OutcomeRecord);
}

/** Written once: the first measurement stands, so the figures a decision was judged on never move. */
export async function saveOutcome(db: Db, outcome: OutcomeRecord): Promise<void> {
  await db
    .collection(COLLECTIONS.budgetOutcomes)
    .updateOne(
      { _id: `${outcome.planId}|${outcome.key}` as never },
      { $setOnInsert: { ...outcome, measuredAt: new Date().toISOString() } },
      { upsert: true },
    );
}

export async function levelChangesOf(db: Db, ruleId: string, ruleVersion: string): Promise<LevelChange[]> {
  const docs = await db.collection(COLLECTIONS.ruleLevels).find({ ruleId, ruleVersion }).toArray();
  return docs.map(({ _id, ...c }) => ({ ...c, id: String(_id) }) as unknown as LevelChange);
}

/** Appends a change under its idempotency key; false when that key was recorded already (nothing is written). */
export async function recordLevelChange(db: Db, change: LevelChange): Promise<boolean> {
  const { id, ...rest } = change;
  try {
    await db.collection(COLLECTIONS.ruleLevels).insertOne({ _id: id as never, ...rest });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === DUPLICATE_KEY) return false;
    throw err;
  }
}
