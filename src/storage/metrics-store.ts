import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import { metricRowId, sameMetricValues, type EntityLevel, type MetricRow, type UpsertCounts } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { bulkWriteInBatches, MAX_INSERTS_PER_COMMAND, withWriteSlot } from './batches';
import { revisionId, writeMetricRevisions, type StoredMetricRevision } from './metrics-history';
import {
  accountDayKey,
  markDirty,
  markWritten,
  newWriteToken,
  refreshRollups,
  type PendingChange,
} from './metrics-rollup';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

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
 * Before a row is overwritten, the revision it held goes to metrics_history (copy on write): the current row is the
 * latest revision, history holds every one it replaced, so a new row costs no extra write (measured in
 * bench/metrics-history.ts). History is written first: a crash in between leaves a copy that the retry's own copy
 * (same `_id`) finds already there, never a replaced value that history missed.
 * Idempotent: replaying the same page any number of times leaves the same documents.
 *
 * The report's digests (src/storage/metrics-rollup.ts) follow: before any row changes, its account-day is marked
 * dirty; after the writes, every account-day of the page's accounts left dirty is rebuilt from the stored rows. A
 * page that changes nothing still rebuilds what a crashed earlier attempt left, so a retry converges.
 */
export async function upsertMetricRows(
  db: Db,
  rows: MetricRow[],
  rawPullId: string,
  afterBatch?: () => void,
  /** The write time (firstSeenAt, updatedAt, the history's pulledAt); tests set it to stage restatements in time. */
  now: Date = new Date(),
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const collection = db.collection<StoredMetricRow>(COLLECTIONS.metricsDaily);
  const ids = rows.map(metricRowId);
  const existing = await readExisting(collection, rows, new Set(ids));

  const updates: AnyBulkWriteOperation<StoredMetricRow>[] = [];
  const inserts: StoredMetricRow[] = [];
  const revisions: StoredMetricRevision[] = [];
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  rows.forEach((row, i) => {
    const _id = ids[i] as string;
    const stored = existing.get(_id);
    if (stored && sameMetricValues(stored, row)) {
      counts.unchanged += 1;
      return;
    }
    if (stored) {
      revisions.push(supersededRevision(stored));
      counts.updated += 1;
      updates.push(upsertOperation(_id, row, now, rawPullId));
    } else {
      counts.inserted += 1;
      inserts.push({ ...row, _id, revision: 1, firstSeenAt: now, updatedAt: now, rawPullId });
    }
  });
  const changes = pendingChanges(rows, ids, existing, [...inserts, ...revisions.map((r) => r.rowId)]);
  const token = newWriteToken();
  if (changes.length > 0) await markDirty(db, token, changes);
  await writeMetricRevisions(db, revisions, afterBatch);
  // New rows go in as plain inserts (several times cheaper than upserts on FerretDB). A row another writer inserted
  // since we read is a duplicate-key error here and is applied as an upsert instead, so the result is the same.
  const raced = await insertNew(collection, inserts, afterBatch);
  if (raced.length > 0) await keepRacedRevisions(db, collection, raced);
  for (const doc of raced) updates.push(upsertOperation(doc._id, doc, now, rawPullId));
  await bulkWriteInBatches(collection, updates, afterBatch);
  if (changes.length > 0) await markWritten(db, token, changes);
  await refreshRollups(db, rows, afterBatch);
  return counts;
}

/** The account-days whose rows this write changes, with their owners before and after (a row can change hands). */
function pendingChanges(
  rows: MetricRow[],
  ids: string[],
  existing: Map<string, StoredMetricRow>,
  changed: Array<StoredMetricRow | string>,
): PendingChange[] {
  const changedIds = new Set(changed.map((c) => (typeof c === 'string' ? c : c._id)));
  const byDay = new Map<string, PendingChange & { advertiserIds: Set<string> }>();
  rows.forEach((row, i) => {
    const _id = ids[i] as string;
    if (!changedIds.has(_id)) return;
    const key = accountDayKey(row);
    let change = byDay.get(key);
    if (!change)
      byDay.set(
        key,
        (change = { platform: row.platform, accountId: row.accountId, date: row.date, advertiserIds: new Set() }),
      );
    change.advertiserIds.add(row.advertiserId);
    const before = existing.get(_id)?.advertiserId;
    if (before) change.advertiserIds.add(before);
  });
  return [...byDay.values()];
}

/** The revision a stored row holds, as of when it was written, for metrics_history before it is overwritten. */
function supersededRevision(stored: StoredMetricRow): StoredMetricRevision {
  const { _id, revision, firstSeenAt, updatedAt, rawPullId, ...values } = stored;
  return {
    ...values,
    _id: revisionId(_id, Number(revision)),
    rowId: _id,
    revision: Number(revision),
    pulledAt: updatedAt ?? firstSeenAt,
    rawPullId,
  };
}

/**
 * A row another writer inserted between our read and our insert is about to be overwritten by our upsert: keep the
 * revision it holds first. Rare (two pulls of one account at once), so one read per row is fine.
 */
async function keepRacedRevisions(
  db: Db,
  collection: Collection<StoredMetricRow>,
  raced: StoredMetricRow[],
): Promise<void> {
  const docs: StoredMetricRevision[] = [];
  for (const doc of raced) {
    const stored = await collection.findOne({ _id: doc._id });
    if (stored) docs.push(supersededRevision(stored));
  }
  await writeMetricRevisions(db, docs);
}

function upsertOperation(
  _id: string,
  row: MetricRow,
  now: Date,
  rawPullId: string,
): AnyBulkWriteOperation<StoredMetricRow> {
  const { _id: _ignored, revision: _r, firstSeenAt: _f, ...values } = row as Partial<StoredMetricRow> & MetricRow;
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

const MAX_ENTITIES_READ_ONE_BY_ONE = 5;

interface ExistingRowsQuery {
  platform: MetricRow['platform'];
  accountId: string;
  level: MetricRow['level'];
  entityId?: string;
  from: string;
  to: string;
}

/** Inserts in batches; returns the documents that hit a duplicate key (inserted by someone else meanwhile). */
async function insertNew(
  collection: Collection<StoredMetricRow>,
  docs: StoredMetricRow[],
  afterBatch?: () => void,
): Promise<StoredMetricRow[]> {
  const raced: StoredMetricRow[] = [];
  for (let i = 0; i < docs.length; i += MAX_INSERTS_PER_COMMAND) {
    const batch = docs.slice(i, i + MAX_INSERTS_PER_COMMAND);
    try {
      await withWriteSlot(() => collection.insertMany(batch, { ordered: false }));
    } catch (err) {
      const writeErrors = (err as MongoBulkWriteError).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (!(err instanceof MongoBulkWriteError) || list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY))
        throw err;
      for (const e of list) raced.push(batch[e.index] as StoredMetricRow);
    }
    afterBatch?.();
  }
  return raced;
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
  // A page of one or a few entities (Naver: one /stats call per campaign or ad group) reads just those entities;
  // otherwise each account-level read would return every entity of the range, once per page.
  const entityCount = new Set(rows.map((r) => `${r.level}|${r.entityId}`)).size;
  const perEntity = entityCount <= MAX_ENTITIES_READ_ONE_BY_ONE;
  const groups = new Map<string, ExistingRowsQuery>();
  for (const row of rows) {
    const key = `${row.platform}|${row.accountId}|${row.level}${perEntity ? `|${row.entityId}` : ''}`;
    const group = groups.get(key);
    if (!group)
      groups.set(key, {
        platform: row.platform,
        accountId: row.accountId,
        level: row.level,
        ...(perEntity ? { entityId: row.entityId } : {}),
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
    const { from, to, ...equal } = g;
    const cursor = collection.find({ ...equal, date: { $gte: from, $lte: to } });
    for await (const doc of cursor) if (wanted.has(doc._id)) existing.set(doc._id, doc);
  }
  return existing;
}

/** Every stored row (campaigns and ad sets, all platforms) of one advertiser on one date. */
export async function findAdvertiserDay(db: Db, advertiserId: string, date: string): Promise<MetricRow[]> {
  return db.collection<MetricRow>(COLLECTIONS.metricsDaily).find({ advertiserId, date }).toArray();
}

/** One account's rows of one level on the given days (the history a budget plan fits its curves on). */
export async function findAccountDays(
  db: Db,
  query: { platform: Platform; accountId: string; level: EntityLevel; dates: string[] },
): Promise<MetricRow[]> {
  if (query.dates.length === 0) return [];
  return db
    .collection<MetricRow>(COLLECTIONS.metricsDaily)
    .find({ platform: query.platform, accountId: query.accountId, level: query.level, date: { $in: query.dates } })
    .toArray();
}
