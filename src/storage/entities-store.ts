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

/** One ad account's campaigns as last pulled (what the tracker join matches against). */
export async function findAccountCampaigns(
  db: Db,
  query: { platform: EntitySnapshot['platform']; accountId: string },
): Promise<EntitySnapshot[]> {
  // platform and accountId by equality (the `account` index); level is filtered here, FerretDB would not use it.
  const docs = await db.collection<EntitySnapshot>(COLLECTIONS.entities).find(query).toArray();
  return docs.filter((d) => d.level === 'campaign');
}
