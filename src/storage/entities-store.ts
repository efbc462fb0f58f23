import type { Db } from 'mongodb';
import type { EntitySnapshot } from '../domain/metrics';
import { bulkWriteInBatches } from './batches';
import { COLLECTIONS } from './mongo';

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
