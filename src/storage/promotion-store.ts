import type { Db } from 'mongodb';
import type { PromotionRecord } from '../domain/rebalance/promotion-proposal';
import { COLLECTIONS } from './mongo';

/**
 * promotion_proposals: one document per rulePromotion workflow (`_id` its workflow id), written when it starts and
 * again when it closes. It is the durable memory of what was proposed, so a step declined or left to expire is not
 * proposed again however long Temporal keeps closed workflows, and what `adops rules stats` and `adops rules confirm`
 * read. Equality reads and upserts only (docs/architecture.md, "Storage subset").
 */

type Closing = Pick<PromotionRecord, 'status' | 'by' | 'reason' | 'decidedAt' | 'detail'>;

const fromDoc = ({ _id, ...rest }: Record<string, unknown>) =>
  ({ ...rest, workflowId: String(_id) }) as PromotionRecord;

export async function findPromotion(db: Db, workflowId: string): Promise<PromotionRecord | null> {
  const doc = await db.collection(COLLECTIONS.promotionProposals).findOne({ _id: workflowId as never });
  return doc ? fromDoc(doc) : null;
}

/** Every proposal of a rule (all versions), oldest first. */
export async function promotionsOfRule(db: Db, ruleId: string): Promise<PromotionRecord[]> {
  const docs = await db.collection(COLLECTIONS.promotionProposals).find({ ruleId }).toArray();
  return docs.map(fromDoc).sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : 0));
}

/** Written once: a retried or replayed start never reopens a proposal that was closed meanwhile. */
export async function saveProposed(db: Db, record: PromotionRecord): Promise<void> {
  const { workflowId, ...rest } = record;
  await db
    .collection(COLLECTIONS.promotionProposals)
    .updateOne({ _id: workflowId as never }, { $setOnInsert: rest }, { upsert: true });
}

/**
 * Records how the proposal closed. Idempotent (a retry writes the same values); the proposal's own fields are written
 * too if its start was never recorded, so the record is whole either way.
 */
export async function closePromotion(db: Db, record: PromotionRecord & Closing): Promise<void> {
  const { workflowId, status, by, reason, decidedAt, detail, ...proposal } = record;
  const closing = Object.fromEntries(
    Object.entries({ status, by, reason, decidedAt, detail }).filter(([, v]) => v !== undefined),
  );
  await db
    .collection(COLLECTIONS.promotionProposals)
    .updateOne({ _id: workflowId as never }, { $set: closing, $setOnInsert: proposal }, { upsert: true });
}
