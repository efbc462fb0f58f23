import type { MetricRow } from './metrics';

/**
 * "As of time T" over stored metrics: platforms restate recent days, so the values a rule saw on a day are the
 * revisions stored by then, not today's. Pure: the storage layer reads the current rows and their history, this
 * picks what was stored at T.
 */

/** One revision of a metrics_daily row, as written (collection metrics_history). */
export interface MetricRevision {
  /** The metrics_daily `_id` (natural key). */
  rowId: string;
  revision: number;
  /** When this revision was written, which is when the engine knew it. */
  pulledAt: Date;
  row: MetricRow;
}

/** A metrics_daily row with its bookkeeping: the fast path, and the only trace of rows written before history. */
export interface CurrentMetricRow {
  rowId: string;
  revision: number;
  firstSeenAt: Date;
  updatedAt: Date;
  row: MetricRow;
}

export interface MetricTimeline {
  current: readonly CurrentMetricRow[];
  revisions: readonly MetricRevision[];
}

export interface AsOfRows {
  /** Each row as stored at T; rows first stored after T are absent. */
  rows: MetricRow[];
  /** Row ids whose value at T cannot be known (overwritten before history was kept); absent from `rows`. */
  unknown: string[];
}

/**
 * The rows as stored at `at`: per row, its latest history revision written at or before `at`.
 *
 * A row written before history existed has no revision documents, or only the ones written since. Then:
 * - revision 1 with no history: never restated, so the current values are what was stored from firstSeenAt on;
 * - revision n > 1 with no history: the current values were stored at updatedAt; what was stored before that was
 *   overwritten in place and is unknowable, so for `at` before updatedAt the row is reported as unknown;
 * - history that starts at revision n > 1: before that revision's pulledAt, revision n - 1 was current and its values
 *   are lost the same way (unknown), unless the row's firstSeenAt is after `at` (it did not exist yet).
 * Unknown rows are left out rather than guessed: a backtest counts them so it can say how much it could not see.
 */
export function rowsAsOf(timeline: MetricTimeline, at: Date, dates?: ReadonlySet<string>): AsOfRows {
  const t = at.getTime();
  const byRow = new Map<string, MetricRevision[]>();
  for (const r of timeline.revisions) {
    if (dates && !dates.has(r.row.date)) continue;
    const list = byRow.get(r.rowId);
    if (list) list.push(r);
    else byRow.set(r.rowId, [r]);
  }
  const rows: MetricRow[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const current of timeline.current) {
    if (dates && !dates.has(current.row.date)) continue;
    seen.add(current.rowId);
    if (current.firstSeenAt.getTime() > t) continue;
    const revisions = byRow.get(current.rowId) ?? [];
    const known = latestAt(revisions, t);
    if (known) {
      rows.push(known.row);
      continue;
    }
    const earliest = revisions.reduce<MetricRevision | undefined>(
      (min, r) => (!min || r.revision < min.revision ? r : min),
      undefined,
    );
    if (earliest) {
      // History exists but all of it is after `at`: revision 1 means the row was first stored after `at` too.
      if (earliest.revision > 1) unknown.push(current.rowId);
      continue;
    }
    if (current.revision === 1 || current.updatedAt.getTime() <= t) rows.push(current.row);
    else unknown.push(current.rowId);
  }
  // Revisions of a row no longer in metrics_daily (nothing deletes rows today, but history must not depend on that).
  for (const [rowId, revisions] of byRow) {
    if (seen.has(rowId)) continue;
    const known = latestAt(revisions, t);
    if (known) rows.push(known.row);
  }
  return { rows, unknown };
}

/** The highest revision written at or before t (a later write of the same revision, a retry, wins). */
function latestAt(revisions: readonly MetricRevision[], t: number): MetricRevision | undefined {
  let best: MetricRevision | undefined;
  for (const r of revisions) {
    if (r.pulledAt.getTime() > t) continue;
    if (
      !best ||
      r.revision > best.revision ||
      (r.revision === best.revision && r.pulledAt.getTime() > best.pulledAt.getTime())
    )
      best = r;
  }
  return best;
}
