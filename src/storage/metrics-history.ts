import { MongoBulkWriteError, type Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import {
  rowsAsOf,
  type AsOfRows,
  type CurrentMetricRow,
  type MetricRevision,
  type MetricTimeline,
} from '../domain/metrics-as-of';
import type { EntityLevel, MetricRow } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { MAX_INSERTS_PER_COMMAND, withWriteSlot } from './batches';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

/**
 * metrics_history: every revision a metrics_daily row held before a restatement overwrote it, `_id`
 * `<rowId>|<revision>`, with the row's values, `pulledAt` (when that revision was written) and the raw pull it came
 * from. The current row is the latest revision and stays the fast path; together they answer "what was stored at
 * time T" (src/domain/metrics-as-of.ts).
 */
export interface StoredMetricRevision extends MetricRow {
  _id: string;
  rowId: string;
  revision: number;
  pulledAt: Date;
  rawPullId: string;
}

export const revisionId = (rowId: string, revision: number) => `${rowId}|${revision}`;

/**
 * Inserts revisions (plain inserts: several times cheaper than upserts on FerretDB). A `<rowId>|<revision>` already
 * there is the same stored revision copied by an attempt that stopped before overwriting the row (the revision number
 * moves with every change), so the duplicate is skipped.
 */
export async function writeMetricRevisions(
  db: Db,
  docs: StoredMetricRevision[],
  afterBatch?: () => void,
): Promise<void> {
  const collection = db.collection<StoredMetricRevision>(COLLECTIONS.metricsHistory);
  for (let i = 0; i < docs.length; i += MAX_INSERTS_PER_COMMAND) {
    const batch = docs.slice(i, i + MAX_INSERTS_PER_COMMAND);
    try {
      await withWriteSlot(() => collection.insertMany(batch, { ordered: false }));
    } catch (err) {
      const writeErrors = (err as MongoBulkWriteError).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (!(err instanceof MongoBulkWriteError) || list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY))
        throw err;
    }
    afterBatch?.();
  }
}

export interface AccountLevelQuery {
  platform: Platform;
  accountId: string;
  level: EntityLevel;
  /** Only rows of these dates; all when absent. */
  dates?: readonly IsoDate[];
}

/**
 * One account's rows of one level, current and every stored revision. Both reads filter by equality on platform,
 * account and level only: FerretDB 1.24 pushes equality down to PostgreSQL but scans the collection for `$in` and
 * ranges, so the dates are picked here. One read serves every as-of time (a backtest replays many days on it).
 */
export async function readMetricTimeline(db: Db, query: AccountLevelQuery): Promise<MetricTimeline> {
  const equal = { platform: query.platform, accountId: query.accountId, level: query.level };
  const wanted = query.dates ? new Set(query.dates) : undefined;
  const current: CurrentMetricRow[] = [];
  for await (const doc of db.collection(COLLECTIONS.metricsDaily).find(equal)) {
    if (wanted && !wanted.has(doc.date as string)) continue;
    const { _id, revision, firstSeenAt, updatedAt, rawPullId: _p, ...row } = doc;
    current.push({
      rowId: String(_id),
      revision: Number(revision ?? 1),
      // Rows always carry both; a hand-made row without them counts as known from the epoch.
      firstSeenAt: firstSeenAt instanceof Date ? firstSeenAt : new Date(0),
      updatedAt: updatedAt instanceof Date ? updatedAt : new Date(0),
      row: row as unknown as MetricRow,
    });
  }
  const revisions: MetricRevision[] = [];
  for await (const doc of db.collection<StoredMetricRevision>(COLLECTIONS.metricsHistory).find(equal)) {
    if (wanted && !wanted.has(doc.date)) continue;
    const { _id, rowId, revision, pulledAt, rawPullId: _p, ...row } = doc;
    revisions.push({ rowId, revision, pulledAt, row });
  }
  return { current, revisions };
}

/** One account's rows of one level on the given days, as they were stored at `asOf`. */
export async function findAccountDaysAsOf(
  db: Db,
  query: AccountLevelQuery & { dates: readonly IsoDate[]; asOf: Date },
): Promise<AsOfRows> {
  if (query.dates.length === 0) return { rows: [], unknown: [] };
  return rowsAsOf(await readMetricTimeline(db, query), query.asOf, new Set(query.dates));
}
