import type { Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import type { UpsertCounts } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { COLLECTIONS } from './mongo';

/** Freshness per platform account: what was pulled last, when, and with what result. */
export async function recordPull(
  db: Db,
  pull: { platform: Platform; accountId: string; from: IsoDate; to: IsoDate; rows: number; counts: UpsertCounts },
): Promise<void> {
  await db
    .collection(COLLECTIONS.pullState)
    .updateOne(
      { _id: `${pull.platform}|${pull.accountId}` as never },
      { $set: { ...pull, lastPulledAt: new Date() } },
      { upsert: true },
    );
}
