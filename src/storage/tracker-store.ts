import { MongoBulkWriteError, MongoServerError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import type { RawExchange } from '../connectors/connector';
import type { UpsertCounts } from '../domain/metrics';
import { sameTrackerValues, trackerDailyId, type Tracker, type TrackerDailyRow } from '../domain/trackers';
import { bulkWriteInBatches, MAX_INSERTS_PER_COMMAND, withWriteSlot } from './batches';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

export interface StoredTrackerRow extends TrackerDailyRow {
  _id: string;
  revision: number;
  firstSeenAt: Date;
  updatedAt: Date;
  rawPullId: string;
}

/**
 * Upserts tracker rows by natural key (the _id), counting inserted / updated / unchanged, like upsertMetricRows:
 * existing rows are read first so a re-pull of identical figures writes nothing, and `revision` only moves when the
 * tracker restated a value (a cohort grew). Idempotent: replaying the same rows leaves the same documents.
 */
export async function upsertTrackerRows(
  db: Db,
  rows: TrackerDailyRow[],
  rawPullId: string,
  afterBatch?: () => void,
  now: Date = new Date(),
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const collection = db.collection<StoredTrackerRow>(COLLECTIONS.trackerDaily);
  const ids = rows.map(trackerDailyId);
  const existing = await readExisting(collection, rows, new Set(ids));
  const updates: AnyBulkWriteOperation<StoredTrackerRow>[] = [];
  const inserts: StoredTrackerRow[] = [];
  rows.forEach((row, i) => {
    const _id = ids[i] as string;
    const stored = existing.get(_id);
    if (stored && sameTrackerValues(stored, row)) {
      counts.unchanged += 1;
    } else if (stored) {
      counts.updated += 1;
      updates.push(upsertOperation(_id, row, now, rawPullId));
    } else {
      counts.inserted += 1;
      inserts.push({ ...row, _id, revision: 1, firstSeenAt: now, updatedAt: now, rawPullId });
    }
  });
  // A row another pull inserted since we read is a duplicate key here and goes in as an upsert instead.
  const raced = await insertNew(collection, inserts, afterBatch);
  for (const doc of raced) updates.push(upsertOperation(doc._id, doc, now, rawPullId));
  await bulkWriteInBatches(collection, updates, afterBatch);
  return counts;
}

function upsertOperation(
  _id: string,
  row: TrackerDailyRow,
  now: Date,
  rawPullId: string,
): AnyBulkWriteOperation<StoredTrackerRow> {
  const { _id: _i, revision: _r, firstSeenAt: _f, ...values } = row as Partial<StoredTrackerRow> & TrackerDailyRow;
  return {
    updateOne: {
      filter: { _id },
      update: {
        $set: { ...values, updatedAt: now, rawPullId },
        $setOnInsert: { firstSeenAt: now },
        $inc: { revision: 1 },
      },
      upsert: true,
    },
  };
}

async function insertNew(
  collection: Collection<StoredTrackerRow>,
  docs: StoredTrackerRow[],
  afterBatch?: () => void,
): Promise<StoredTrackerRow[]> {
  const raced: StoredTrackerRow[] = [];
  for (let i = 0; i < docs.length; i += MAX_INSERTS_PER_COMMAND) {
    const batch = docs.slice(i, i + MAX_INSERTS_PER_COMMAND);
    try {
      await withWriteSlot(() => collection.insertMany(batch, { ordered: false }));
    } catch (err) {
      const writeErrors = (err as MongoBulkWriteError).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (!(err instanceof MongoBulkWriteError) || list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY))
        throw err;
      for (const e of list) raced.push(batch[e.index] as StoredTrackerRow);
    }
    afterBatch?.();
  }
  return raced;
}

/**
 * One equality read per (tracker, app, date): FerretDB pushes only equalities down to PostgreSQL, and a date range
 * would decode the app's whole history. A pull covers at most a few months, so this is a few dozen small reads.
 */
async function readExisting(
  collection: Collection<StoredTrackerRow>,
  rows: TrackerDailyRow[],
  wanted: Set<string>,
): Promise<Map<string, StoredTrackerRow>> {
  const groups = new Map<string, { tracker: Tracker; app: string; date: string }>();
  for (const r of rows) groups.set(`${r.tracker}|${r.app}|${r.date}`, { tracker: r.tracker, app: r.app, date: r.date });
  const existing = new Map<string, StoredTrackerRow>();
  for (const filter of groups.values()) {
    for await (const doc of collection.find(filter)) if (wanted.has(doc._id)) existing.set(doc._id, doc);
  }
  return existing;
}

/** Every stored row of one app on one date (the app's time zone). */
export async function findTrackerAppDay(
  db: Db,
  query: { tracker: Tracker; app: string; date: string },
): Promise<StoredTrackerRow[]> {
  return db.collection<StoredTrackerRow>(COLLECTIONS.trackerDaily).find(query).toArray();
}

/** Every stored row of one app (tests, `adops trackers unmatched`); an app holds months, not millions, of rows. */
export async function findTrackerApp(db: Db, query: { tracker: Tracker; app: string }): Promise<StoredTrackerRow[]> {
  return db.collection<StoredTrackerRow>(COLLECTIONS.trackerDaily).find(query).toArray();
}

/** One tracker API exchange kept for audit and re-processing, in raw_pulls beside the media's. Secrets already removed. */
export interface TrackerRawPull {
  _id: string;
  tracker: Tracker;
  app: string;
  kind: 'tracker';
  page: number;
  request: RawExchange['request'];
  status: number;
  body: string;
  pulledAt: Date;
  workflowId: string;
  runId: string;
}

/** Keyed by run and exchange index, so a retried activity overwrites its own exchanges instead of adding copies. */
export async function saveTrackerRawPull(db: Db, pull: TrackerRawPull): Promise<void> {
  const collection = db.collection<TrackerRawPull>(COLLECTIONS.rawPulls);
  try {
    await collection.insertOne(pull);
  } catch (err) {
    if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) throw err;
    await collection.replaceOne({ _id: pull._id }, pull);
  }
}
