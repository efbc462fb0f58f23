import { chunkRange, type IsoDate } from '../../../domain/dates';
import { TIKTOK_MAX_REPORT_DAYS } from '../wire';

/**
 * Where a report pull resumes: which ≤30-day window of the requested range and which page inside it. The cursor is
 * heartbeated, so it is a tiny secret-free string ("w0p3"); the windows are recomputed from the activity's range.
 */
export interface ReportPosition {
  window: number;
  page: number;
}

/** The range split into the spans one report request may cover (TIKTOK_MAX_REPORT_DAYS, unverified). */
export function reportWindows(range: { from: IsoDate; to: IsoDate }): Array<{ from: IsoDate; to: IsoDate }> {
  return chunkRange(range.from, range.to, TIKTOK_MAX_REPORT_DAYS);
}

export function encodeReportCursor(position: ReportPosition): string {
  return `w${position.window}p${position.page}`;
}

export function decodeReportCursor(cursor: string | null): ReportPosition {
  if (cursor === null) return { window: 0, page: 1 };
  const match = /^w(\d+)p(\d+)$/.exec(cursor);
  if (!match || Number(match[2]) < 1) throw new Error(`unreadable TikTok report cursor ${JSON.stringify(cursor)}`);
  return { window: Number(match[1]), page: Number(match[2]) };
}

/** After `page` of `totalPage` in window `window`: the next page, the next window's first page, or done. */
export function nextReportPosition(current: ReportPosition, totalPage: number, windows: number): ReportPosition | null {
  // page_info.page > total_page ends a window (reference §5.2); an empty window reports total_page 0.
  if (current.page < totalPage) return { window: current.window, page: current.page + 1 };
  if (current.window + 1 < windows) return { window: current.window + 1, page: 1 };
  return null;
}

/** Entity pages: the next page number as a string, or null after the last page. */
export function nextPageCursor(page: number, totalPage: number): string | null {
  return page < totalPage ? String(page + 1) : null;
}

export function decodePageCursor(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d*$/.test(cursor)) throw new Error(`unreadable TikTok page cursor ${JSON.stringify(cursor)}`);
  return Number(cursor);
}
