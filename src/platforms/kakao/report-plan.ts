import { chunkRange, type IsoDate } from '../../domain/dates';
import { KAKAO_REPORT_CAMPAIGN_BATCH, KAKAO_REPORT_MAX_DAYS } from './wire';

/**
 * A metrics pull of one level is a grid of report calls: date windows of at most 31 days × batches of entity ids
 * (campaign ids for `/campaigns/report`, ad group ids for `/adGroups/report`). Page k of the pull is one cell; the
 * cursor names the next cell as "window.batch" (small, opaque, secret-free).
 */
export interface ReportCall {
  from: IsoDate;
  to: IsoDate;
  ids: string[];
}

export interface ReportPosition {
  window: number;
  batch: number;
}

export function reportWindows(from: IsoDate, to: IsoDate): Array<{ from: IsoDate; to: IsoDate }> {
  return chunkRange(from, to, KAKAO_REPORT_MAX_DAYS);
}

/** Ids sorted numerically, so the batches are the same on a resumed attempt (new entities get higher ids). */
export function idBatches(ids: readonly string[], batchSize: number = KAKAO_REPORT_CAMPAIGN_BATCH): string[][] {
  const sorted = [...ids].sort(compareKakaoIds);
  const batches: string[][] = [];
  for (let i = 0; i < sorted.length; i += batchSize) batches.push(sorted.slice(i, i + batchSize));
  return batches;
}

/** Numeric order of decimal id strings (Kakao ids are Longs; no leading zeros). */
export function compareKakaoIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

export function encodeReportCursor(position: ReportPosition): string {
  return `${position.window}.${position.batch}`;
}

export function decodeReportCursor(cursor: string | null): ReportPosition {
  if (cursor === null) return { window: 0, batch: 0 };
  const match = /^(\d+)\.(\d+)$/.exec(cursor);
  // Cursors are ours, not the platform's: a bad one is a bug, not a malformed response.
  if (!match) throw new Error(`not a Kakao report cursor: ${JSON.stringify(cursor)}`);
  return { window: Number(match[1]), batch: Number(match[2]) };
}

/** The call at `position` and the position after it (null on the last cell); null call when there is nothing to ask. */
export function planReportCall(
  range: { from: IsoDate; to: IsoDate },
  ids: readonly string[],
  position: ReportPosition,
  batchSize: number = KAKAO_REPORT_CAMPAIGN_BATCH,
): { call: ReportCall | null; next: ReportPosition | null } {
  const windows = reportWindows(range.from, range.to);
  const batches = idBatches(ids, batchSize);
  const window = windows[position.window];
  if (!window || batches.length === 0) return { call: null, next: null };
  // A resumed attempt may see fewer entities than the one that wrote the cursor: skip to the next window.
  const batch = batches[position.batch];
  if (!batch) {
    const following = position.window + 1 < windows.length ? { window: position.window + 1, batch: 0 } : null;
    return following ? planReportCall(range, ids, following, batchSize) : { call: null, next: null };
  }
  const next =
    position.batch + 1 < batches.length
      ? { window: position.window, batch: position.batch + 1 }
      : position.window + 1 < windows.length
        ? { window: position.window + 1, batch: 0 }
        : null;
  return { call: { ...window, ids: batch }, next };
}
