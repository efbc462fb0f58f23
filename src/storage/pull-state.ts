import type { Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import type { UpsertCounts } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { COLLECTIONS } from './mongo';

/**
 * Freshness per platform account: `pulledThrough` is the latest day ever pulled and only moves forward ($max), so a
 * backfill of old months never makes an account look stale; `lastRange` is what the latest pull covered. Dates after
 * the account's today never get here (the pull activity refuses them first).
 */
export async function recordPull(
  db: Db,
  pull: { platform: Platform; accountId: string; from: IsoDate; to: IsoDate; rows: number; counts: UpsertCounts },
): Promise<void> {
  await db.collection(COLLECTIONS.pullState).updateOne(
    { _id: `${pull.platform}|${pull.accountId}` as never },
    {
      $set: {
        platform: pull.platform,
        accountId: pull.accountId,
        lastRange: { from: pull.from, to: pull.to },
        rows: pull.rows,
        counts: pull.counts,
        lastPulledAt: new Date(),
      },
      $max: { pulledThrough: pull.to },
    },
    { upsert: true },
  );
}
