import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { EntityLevel, MetricRow } from '../../domain/metrics';
import { ResponseFormatError } from '../../connectors/errors';
import { nested, parseSearchEnvelope, ROW_ENTITY, type GoogleAdsAccountContext, type GoogleAdsPage } from './rows';
import { doubleMajorToMicros, doubleValue, int64Count, int64Micros } from './units';

/** Pure parsing of the daily metrics and customer queries (gaql.ts) into the engine's model. */

/** A metric may be omitted when it holds its default (0) value. */
function optionalCount(metrics: Record<string, unknown>, name: string, where: string): number {
  return metrics[name] === undefined ? 0 : int64Count(metrics[name], `${where}.metrics.${name}`);
}

/** One page of the daily metrics query of a level (gaql.ts dailyMetricsQuery) → normalised rows. */
export function parseDailyMetricsPage(
  body: unknown,
  ctx: GoogleAdsAccountContext,
  range?: { from: IsoDate; to: IsoDate },
  level: EntityLevel = 'campaign',
): GoogleAdsPage<MetricRow> {
  const { results, nextPageToken } = parseSearchEnvelope(body);
  const items = results.map((row, i): MetricRow => {
    const where = `results[${i}]`;
    const entity = ROW_ENTITY[level](row, where);
    const metrics = nested(row, 'metrics', where);
    const segments = nested(row, 'segments', where);
    const date = segments.date;
    if (!isIsoDate(date)) {
      throw new ResponseFormatError(`${where}.segments.date`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    }
    if (range && (date < range.from || date > range.to)) {
      throw new ResponseFormatError(
        `${where}.segments.date`,
        `${date} is outside the requested ${range.from}..${range.to}`,
      );
    }
    return {
      platform: 'google_ads',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      ...entity,
      date,
      currency: ctx.currency,
      timeZone: ctx.timeZone,
      impressions: optionalCount(metrics, 'impressions', where),
      clicks: optionalCount(metrics, 'clicks', where),
      // Micros already (reference §2.3): kept as bigint end to end.
      spendMicros:
        metrics.costMicros === undefined ? 0n : int64Micros(metrics.costMicros, `${where}.metrics.costMicros`),
      // Fractional under data-driven attribution, so kept as the double Google sends.
      conversions:
        metrics.conversions === undefined ? 0 : doubleValue(metrics.conversions, `${where}.metrics.conversions`),
      // MAJOR units of the account currency, as a double (reference §2.3).
      conversionValueMicros:
        metrics.conversionsValue === undefined
          ? 0n
          : doubleMajorToMicros(metrics.conversionsValue, `${where}.metrics.conversionsValue`),
      mature: ctx.isMature(date),
    };
  });
  return { items, nextPageToken };
}

/** The customer query (gaql.ts customerQuery) → what the platform says about the account. */
export function parseCustomer(body: unknown): { currency: string; timeZone: string; name: string } {
  const { results } = parseSearchEnvelope(body);
  const row = results[0];
  if (!row) throw new ResponseFormatError('results', 'expected one customer row, got none');
  const customer = nested(row, 'customer', 'results[0]');
  if (typeof customer.currencyCode !== 'string' || !/^[A-Z]{3}$/.test(customer.currencyCode)) {
    throw new ResponseFormatError(
      'results[0].customer.currencyCode',
      `expected an ISO 4217 code, got ${JSON.stringify(customer.currencyCode)}`,
    );
  }
  if (typeof customer.timeZone !== 'string' || customer.timeZone === '') {
    throw new ResponseFormatError(
      'results[0].customer.timeZone',
      `expected an IANA time zone, got ${JSON.stringify(customer.timeZone)}`,
    );
  }
  return {
    currency: customer.currencyCode,
    timeZone: customer.timeZone,
    name: typeof customer.descriptiveName === 'string' ? customer.descriptiveName : '',
  };
}
