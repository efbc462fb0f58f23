import { isRecord, ResponseFormatError } from '../../connectors/errors';
import type { TrackerParseContext } from '../../connectors/tracker';
import { isIsoDate } from '../../domain/dates';
import { decimalToMicros, MoneyFormatError } from '../../domain/money';
import { mergeTrackerRows, sortedEventCounts, type TrackerDailyRow } from '../../domain/trackers';
import { ADJUST_METRICS, ADJUST_UNKNOWN, adjustEventMetric } from './wire';

/**
 * A Report Service JSON body (`{rows, totals, warnings}`) → tracker_daily rows, one per (network, campaign, day).
 * Values arrive as strings ("64", "1000.5"); an empty report is HTTP 204 with no body, which the caller passes as
 * null. Revenue is converted to the reporting currency by Adjust, so it may carry more than 6 decimals: it is
 * rounded half up to the micro (the only rounding in any tracker parser).
 */
export function parseAdjustReport(
  body: unknown,
  ctx: TrackerParseContext,
  eventSlugs: readonly string[],
): TrackerDailyRow[] {
  if (body === null) return [];
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (!Array.isArray(body.rows)) throw new ResponseFormatError('rows', 'expected an array of rows');
  const rows = body.rows.map((raw, i): TrackerDailyRow => {
    const where = `rows[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const text = (field: string) => {
      const value = raw[field];
      if (typeof value !== 'string')
        throw new ResponseFormatError(`${where}.${field}`, `expected a string, got ${JSON.stringify(value)}`);
      return value;
    };
    const date = text('day');
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.day`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (date < ctx.range.from || date > ctx.range.to) {
      throw new ResponseFormatError(
        `${where}.day`,
        `${date} is outside the range asked for (${ctx.range.from}..${ctx.range.to})`,
      );
    }
    const currency = text('currency');
    if (currency !== ctx.currency) {
      throw new ResponseFormatError(
        `${where}.currency`,
        `the app reports in ${currency} but config/trackers.yaml says ${ctx.currency}`,
      );
    }
    const counts = new Map<string, number>();
    for (const slug of eventSlugs) {
      const count = countValue(raw[adjustEventMetric(slug)], `${where}.${adjustEventMetric(slug)}`);
      if (count > 0) counts.set(slug, count);
    }
    const campaignId = text('campaign_id_network');
    return {
      tracker: 'adjust',
      app: ctx.app,
      appId: ctx.appId,
      advertiserId: ctx.advertiserId,
      mediaSource: text('partner_name'),
      campaignId: campaignId === ADJUST_UNKNOWN || campaignId === '' ? null : campaignId,
      campaignName: text('campaign_network'),
      date,
      dateBasis: 'activity',
      timeZone: ctx.timeZone,
      currency,
      installs: countValue(raw[ADJUST_METRICS.installs], `${where}.${ADJUST_METRICS.installs}`),
      reEngagements: countValue(raw[ADJUST_METRICS.reEngagements], `${where}.${ADJUST_METRICS.reEngagements}`),
      events: countValue(raw[ADJUST_METRICS.events], `${where}.${ADJUST_METRICS.events}`),
      eventCounts: sortedEventCounts(counts),
      revenueMicros: moneyValue(raw[ADJUST_METRICS.revenue], `${where}.${ADJUST_METRICS.revenue}`),
      costMicros: moneyValue(raw[ADJUST_METRICS.cost], `${where}.${ADJUST_METRICS.cost}`),
      mature: ctx.isMature(date),
    };
  });
  return mergeTrackerRows(rows);
}

/** A whole count: "64" or 64 (totals are numbers, rows strings; both are accepted). */
function countValue(value: unknown, field: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+(\.0+)?$/.test(text) || !Number.isSafeInteger(Math.trunc(Number(text)))) {
    throw new ResponseFormatError(field, `expected a whole count, got ${JSON.stringify(value)}`);
  }
  return Math.trunc(Number(text));
}

/** A non-negative amount, exact to 6 decimals and rounded half up beyond (currency conversion leaves long tails). */
function moneyValue(value: unknown, field: string): bigint {
  const text = typeof value === 'number' && Number.isFinite(value) ? value.toString() : value;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) {
    throw new ResponseFormatError(field, `expected a non-negative amount, got ${JSON.stringify(value)}`);
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const kept = `${whole}.${fraction.slice(0, 6) || '0'}`;
  try {
    const micros = decimalToMicros(kept, field);
    return fraction.length > 6 && Number(fraction[6]) >= 5 ? micros + 1n : micros;
  } catch (err) {
    if (err instanceof MoneyFormatError)
      throw new ResponseFormatError(field, `expected an amount, got ${JSON.stringify(value)}`);
    throw err;
  }
}
