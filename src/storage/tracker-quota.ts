import { MongoServerError, type Db } from 'mongodb';
import type { TrackerQuota } from '../connectors/tracker';
import { quotaDay, quotaTicketId, ticketOrder } from '../domain/tracker-quota';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

export interface QuotaTicket {
  _id: string;
  key: string;
  day: string;
  n: number;
  takenAt: Date;
}

/**
 * A tracker's daily call quota counted in MongoDB (`tracker_quota`), shared by every worker and run, so a restarted or
 * second worker cannot spend it again. Each call is one ticket document whose _id is `day|key|n` with n in
 * 1..limit: the unique _id, not a counter, is what bounds the count, because FerretDB 1.24 runs a conditional `$inc`
 * as read-then-write (40 concurrent takers of a `count < 7` filter got 11 calls in test/storage/
 * tracker-quota.integration.test.ts). No transactions either: taking several keys (app and account) takes them in
 * order and deletes the tickets already taken when a later key is spent.
 */
export class MongoTrackerQuota implements TrackerQuota {
  constructor(private readonly db: Db) {}

  async take(keys: ReadonlyArray<{ key: string; limit: number }>, now: Date): Promise<boolean> {
    const taken: string[] = [];
    for (const { key, limit } of keys) {
      const ticket = await this.takeOne(key, limit, now);
      if (ticket) {
        taken.push(ticket);
        continue;
      }
      for (const _id of taken) await this.tickets().deleteOne({ _id });
      return false;
    }
    return true;
  }

  /** Calls taken under a key on now's UTC day. */
  count(key: string, now: Date): Promise<number> {
    return this.tickets().countDocuments({ key, day: quotaDay(now) });
  }

  private tickets() {
    return this.db.collection<QuotaTicket>(COLLECTIONS.trackerQuota);
  }

  /** The ticket's _id, or null when all `limit` tickets of the day exist. */
  private async takeOne(key: string, limit: number, now: Date): Promise<string | null> {
    const day = quotaDay(now);
    for (const n of ticketOrder(await this.count(key, now), limit)) {
      const _id = quotaTicketId(key, now, n);
      try {
        await this.tickets().insertOne({ _id, key, day, n, takenAt: new Date() });
        return _id;
      } catch (err) {
        if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) throw err;
      }
    }
    return null;
  }
}
