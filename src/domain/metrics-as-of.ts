import type { MetricRow } from './metrics';

/**
 * "As of time T" over stored metrics: platforms restate recent days, so the values a rule saw on a day are the
 * revisions stored by then, not today's. Pure: the storage layer reads the current rows and their history, this
 * picks what was stored at T.
 */

/** A revision a metrics_daily row held before it was overwritten (collection metrics_history). */
export interface MetricRevision {
  /** The metrics_daily `_id` (natural key). */
  rowId: string;
  revision: number;
  /** When this revision was written, which is when the engine knew it. */
  pulledAt: Date;
  row: MetricRow;
}

/** A metrics_daily row with its bookkeeping: the latest revision, known since it was written. */
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
 * The rows as stored at `at`: per row, the latest of its revisions (the ones history kept, and the current row,
 * written at updatedAt) written at or before `at`; rows first stored after `at` are absent.
 *
 * History keeps a revision when a restatement overwrites it, so rows overwritten before history existed lost theirs:
 * - a row at revision 1 was never overwritten: its values were stored from firstSeenAt on;
 * - otherwise, before the earliest revision we have (the current row's updatedAt, or the oldest history copy) some
 *   revision n - 1 was current and its values are gone, so for `at` between firstSeenAt and then the row is unknown.
 * Unknown rows are left out rather than guessed: a backtest counts them so it can say how much it could not see.
 */
export function rowsAsOf(timeline: MetricTimeline, at: Date, dates?: ReadonlySet<string>): AsOfRows {
  const t = at.getTime();
  const history = new Map<string, MetricRevision[]>();
  for (const r of timeline.revisions) {
    if (dates && !dates.has(r.row.date)) continue;
    const list = history.get(r.rowId);
    if (list) list.push(r);
    else history.set(r.rowId, [r]);
  }
  const rows: MetricRow[] = [];
  const unknown: string[] = [];
  for (const current of timeline.current) {
    if (dates && !dates.has(current.row.date)) continue;
    if (current.firstSeenAt.getTime() > t) continue;
    const revisions: MetricRevision[] = [
      ...(history.get(current.rowId) ?? []),
      {
        rowId: current.rowId,
        revision: current.revision,
        pulledAt: current.revision === 1 ? current.firstSeenAt : current.updatedAt,
        row: current.row,
      },
    ];
    const known = latestAt(revisions, t);
    if (known) rows.push(known.row);
    else if (Math.min(...revisions.map((r) => r.revision)) > 1) unknown.push(current.rowId);
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
