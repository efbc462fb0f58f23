import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { metricRowId, sameMetricValues, type MetricRow, type UpsertCounts } from '../domain/metrics';
import { bulkWriteInBatches } from './batches';
import { COLLECTIONS } from './mongo';

interface StoredMetricRow extends MetricRow {
  _id: string;
  revision: number;
  firstSeenAt: Date;
  updatedAt: Date;
  rawPullId: string;
}

/**
 * Upserts rows by natural key (the _id), counting inserted / updated / unchanged. Existing rows are read first so a
 * re-pull of identical data writes nothing and `updatedAt`/`revision` only move when a platform restated a value.
 * Idempotent: replaying the same page any number of times leaves the same documents.
 */
export async function upsertMetricRows(
  db: Db,
  rows: MetricRow[],
  rawPullId: string,
  afterBatch?: () => void,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const collection = db.collection<StoredMetricRow>(COLLECTIONS.metricsDaily);
  const ids = rows.map(metricRowId);
  const existing = await readExisting(collection, rows, new Set(ids));

  const now = new Date();
  const operations: AnyBulkWriteOperation<StoredMetricRow>[] = [];
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  rows.forEach((row, i) => {
    const _id = ids[i] as string;
    const stored = existing.get(_id);
    if (stored && sameMetricValues(stored, row)) {
      counts.unchanged += 1;
      return;
    }
    if (stored) counts.updated += 1;
    else counts.inserted += 1;
    operations.push({
      updateOne: {
        filter: { _id },
        update: {
          $set: { ...row, updatedAt: now, rawPullId },
          $setOnInsert: { firstSeenAt: now },
          $inc: { revision: 1 },
        },
        upsert: true,
      },
    });
  });
  await bulkWriteInBatches(collection, operations, afterBatch);
  return counts;
}

/**
 * Reads the stored versions of a page's rows by account and date range, not by `_id: {$in: [...]}`: FerretDB 1.24
 * does not push `$in` down to PostgreSQL, so that scans the whole collection on every page (seen as pulls stalling
 * past their heartbeat timeout once the collection held tens of thousands of rows). Equality on platform, account
 * and level is pushed down by FerretDB and is the prefix of the natural_key index on MongoDB.
 */
async function readExisting(
  collection: Collection<StoredMetricRow>,
  rows: MetricRow[],
  wanted: Set<string>,
): Promise<Map<string, StoredMetricRow>> {
  const groups = new Map<
    string,
    { platform: MetricRow['platform']; accountId: string; level: MetricRow['level']; from: string; to: string }
  >();
  for (const row of rows) {
    const key = `${row.platform}|${row.accountId}|${row.level}`;
    const group = groups.get(key);
    if (!group)
      groups.set(key, {
        platform: row.platform,
        accountId: row.accountId,
        level: row.level,
        from: row.date,
        to: row.date,
      });
    else {
      if (row.date < group.from) group.from = row.date;
      if (row.date > group.to) group.to = row.date;
    }
  }
  const existing = new Map<string, StoredMetricRow>();
  for (const g of groups.values()) {
    const cursor = collection.find({
      platform: g.platform,
      accountId: g.accountId,
      level: g.level,
      date: { $gte: g.from, $lte: g.to },
    });
    for await (const doc of cursor) if (wanted.has(doc._id)) existing.set(doc._id, doc);
  }
  return existing;
}
