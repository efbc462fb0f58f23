import type { IsoDate } from './dates';
import { metricRowId, type MetricRow } from './metrics';

/** The largest value a BSON int64 holds: above it the driver would wrap money around silently. */
export const INT64_MAX = 2n ** 63n - 1n;

export interface RowProblem {
  /** Where in the page: `rows[i].field`. */
  field: string;
  message: string;
}

/**
 * Values no ad platform can report, whatever its format: negative or int64-overflowing money, counts that are not
 * exact non-negative integers, conversions that are not finite and non-negative, a day outside the range asked for,
 * the same entity-day twice in one page. Every platform's rows pass through here before anything of the page is
 * stored, so one parser's leniency cannot write impossible rows. Clicks above impressions are NOT refused: Google and
 * Meta count clicks on impressions served earlier (and Meta's `clicks` includes all clicks), so it happens in real
 * reports.
 */
export function metricPageProblem(
  rows: readonly MetricRow[],
  range: { from: IsoDate; to: IsoDate },
): RowProblem | undefined {
  const seen = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const at = (field: string) => `rows[${i}].${field}`;
    for (const field of ['spendMicros', 'conversionValueMicros'] as const) {
      const value = row[field];
      if (typeof value !== 'bigint' || value < 0n || value > INT64_MAX) {
        return { field: at(field), message: `expected money from 0 to ${INT64_MAX} micros, got ${String(value)}` };
      }
    }
    for (const field of ['impressions', 'clicks'] as const) {
      if (!Number.isSafeInteger(row[field]) || row[field] < 0) {
        return { field: at(field), message: `expected a whole count from 0 to 2^53-1, got ${row[field]}` };
      }
    }
    if (!Number.isFinite(row.conversions) || row.conversions < 0 || row.conversions > Number.MAX_SAFE_INTEGER) {
      return { field: at('conversions'), message: `expected a number from 0 to 2^53-1, got ${row.conversions}` };
    }
    if (row.date < range.from || row.date > range.to) {
      return { field: at('date'), message: `${row.date} is outside the requested ${range.from}..${range.to}` };
    }
    const key = metricRowId(row);
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        field: at('entityId'),
        message: `the same ${row.level} ${row.entityId} on ${row.date} as rows[${first}]`,
      };
    }
    seen.set(key, i);
  }
  return undefined;
}
