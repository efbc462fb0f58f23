import type { AnyBulkWriteOperation, Db } from 'mongodb';
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
  const existing = new Map<string, StoredMetricRow>();
  for await (const doc of collection.find({ _id: { $in: ids } })) existing.set(doc._id, doc);

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
