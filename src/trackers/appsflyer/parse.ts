import { parseCsv } from '../../connectors/csv';
import { ResponseFormatError } from '../../connectors/errors';
import type { TrackerParseContext } from '../../connectors/tracker';
import { isIsoDate } from '../../domain/dates';
import { decimalToMicros, MoneyFormatError } from '../../domain/money';
import { mergeTrackerRows, sortedEventCounts, type TrackerDailyRow } from '../../domain/trackers';
import { AF_COLUMNS, AF_EVENT_COUNTER, AF_EVENT_SALES, AF_NOT_AVAILABLE } from './wire';

/**
 * A partners-by-date CSV → tracker_daily rows, one per (media source, campaign, install date): lines split by agency
 * or conversion type are summed. UA reports give installs; retargeting reports (reattr=true) give re-engagements.
 * AppsFlyer reports campaign names only here (`c`), so campaignId is null.
 */
export function parseAppsflyerReport(text: string, ctx: TrackerParseContext, retargeting: boolean): TrackerDailyRow[] {
  const { header, records } = parseCsv(text);
  const countColumn =
    retargeting && header.includes(AF_COLUMNS.conversions) ? AF_COLUMNS.conversions : AF_COLUMNS.installs;
  for (const column of [
    AF_COLUMNS.date,
    AF_COLUMNS.mediaSource,
    AF_COLUMNS.campaign,
    countColumn,
    AF_COLUMNS.revenue,
    AF_COLUMNS.cost,
  ]) {
    if (!header.includes(column)) throw new ResponseFormatError('(header)', `no ${JSON.stringify(column)} column`);
  }
  for (const column of header) {
    const currency = AF_EVENT_SALES.exec(column)?.[1];
    if (currency !== undefined && currency !== ctx.currency) {
      throw new ResponseFormatError(
        `(header) ${column}`,
        `the app reports in ${currency} but config/trackers.yaml says ${ctx.currency}`,
      );
    }
  }
  const events = header
    .filter((c) => AF_EVENT_COUNTER.test(c))
    .map((c) => ({ column: c, name: c.replace(AF_EVENT_COUNTER, '') }));

  const rows = records.map((record, i): TrackerDailyRow => {
    const where = `row ${i + 1}`;
    const cell = (column: string) => record.get(column) ?? '';
    const date = cell(AF_COLUMNS.date);
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.${AF_COLUMNS.date}`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (date < ctx.range.from || date > ctx.range.to) {
      throw new ResponseFormatError(
        `${where}.${AF_COLUMNS.date}`,
        `${date} is outside the range asked for (${ctx.range.from}..${ctx.range.to})`,
      );
    }
    const mediaSource = cell(AF_COLUMNS.mediaSource);
    if (mediaSource === '') throw new ResponseFormatError(`${where}.${AF_COLUMNS.mediaSource}`, 'is empty');
    const counts = new Map<string, number>();
    for (const event of events) {
      const count = countCell(cell(event.column), `${where}.${event.column}`);
      if (count > 0) counts.set(event.name, count);
    }
    const eventCounts = sortedEventCounts(counts);
    const conversions = countCell(cell(countColumn), `${where}.${countColumn}`);
    const cost = cell(AF_COLUMNS.cost);
    return {
      tracker: 'appsflyer',
      app: ctx.app,
      appId: ctx.appId,
      advertiserId: ctx.advertiserId,
      mediaSource,
      campaignId: null,
      campaignName: cell(AF_COLUMNS.campaign),
      date,
      dateBasis: 'install',
      timeZone: ctx.timeZone,
      currency: ctx.currency,
      installs: retargeting ? 0 : conversions,
      reEngagements: retargeting ? conversions : 0,
      events: eventCounts.reduce((n, e) => n + e.count, 0),
      eventCounts,
      revenueMicros: moneyCell(cell(AF_COLUMNS.revenue), `${where}.${AF_COLUMNS.revenue}`) ?? 0n,
      costMicros: moneyCell(cost, `${where}.${AF_COLUMNS.cost}`),
      mature: ctx.isMature(date),
    };
  });
  return mergeTrackerRows(rows);
}

/** A whole count; N/A (or empty) is "nothing happened". */
function countCell(value: string, field: string): number {
  if (value === AF_NOT_AVAILABLE || value === '') return 0;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new ResponseFormatError(field, `expected a whole count, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** A non-negative amount in the app currency, exact to the micro; null for N/A (no data, e.g. no cost integration). */
function moneyCell(value: string, field: string): bigint | null {
  if (value === AF_NOT_AVAILABLE || value === '') return null;
  let micros: bigint;
  try {
    micros = decimalToMicros(value, field);
  } catch (err) {
    if (err instanceof MoneyFormatError)
      throw new ResponseFormatError(field, `expected an amount, got ${JSON.stringify(value)}`);
    throw err;
  }
  if (micros < 0n) throw new ResponseFormatError(field, `expected a non-negative amount, got ${JSON.stringify(value)}`);
  return micros;
}
