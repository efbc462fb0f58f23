import type { Db } from 'mongodb';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { bulkWriteInBatches } from './batches';
import { COLLECTIONS } from './mongo';

export interface EntitySnapshot {
  platform: Platform;
  accountId: string;
  advertiserId: string;
  level: EntityLevel;
  entityId: string;
  /** The parent campaign of an ad set; absent on campaigns. */
  campaignId?: string;
  name: string;
  status: string;
  currency: string;
  /** Current daily budget in micros; null when the budget lives elsewhere (ad sets, shared budget). */
  dailyBudgetMicros: bigint | null;
}

export async function upsertEntities(db: Db, entities: EntitySnapshot[]): Promise<number> {
  if (entities.length === 0) return 0;
  const now = new Date();
  await bulkWriteInBatches(
    db.collection(COLLECTIONS.entities),
    entities.map((e) => ({
      updateOne: {
        filter: { _id: `${e.platform}|${e.accountId}|${e.level}|${e.entityId}` as never },
        update: { $set: { ...e, seenAt: now } },
        upsert: true,
      },
    })),
  );
  return entities.length;
}
