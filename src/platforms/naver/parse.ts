import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { MetricRow } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { integer, levelOf, won } from './values';

/** Naver Search Ad reports and budgets are KRW and KST, with no per-account setting (reference §0, §3.7). */
export const NAVER_CURRENCY = 'KRW';
export const NAVER_TIME_ZONE = 'Asia/Seoul';

/** Metrics the connector asks /stats for (`fields`, a JSON array string; reference §3.3). */
export const NAVER_STAT_FIELDS = ['impCnt', 'clkCnt', 'salesAmt', 'ccnt', 'convAmt'] as const;

/**
 * Fields a daily row must carry because we asked for them. Conversion fields are allowed to be absent (read as 0):
 * whether Naver omits them on days without conversion tracking is unverified.
 */
const REQUIRED_STAT_FIELDS = ['impCnt', 'clkCnt', 'salesAmt'] as const;

export interface NaverCampaign {
  id: string;
  name: string;
  status: string;
}

/** An ad group ("adset" in our schema) with the campaign it belongs to. */
export interface NaverAdgroup extends NaverCampaign {
  campaignId: string;
}

export interface NaverAccountContext {
  advertiserId: string;
  accountId: string;
  /** Whether a report date is settled (Naver: restatementWindowDays in config/platforms.yaml). */
  isMature: (date: IsoDate) => boolean;
}

/**
 * `GET /stats?id=…&timeIncrement=1` → daily rows of one campaign (cmp-) or ad group (grp-): the same call and row
 * shape for both (reference §3.3); an ad group's rows carry its campaign as campaignId. The real API answers
 * `{data, summary}` at the top level (java-sample model/Stat.java); the swagger wraps it in `dailyStatResponse`,
 * which is accepted too.
 * Days without delivery are absent, not zero (issue #570 for the summary form; unverified for the daily form).
 */
export function parseNaverDailyStats(
  body: unknown,
  entity: NaverCampaign | NaverAdgroup,
  range: { from: IsoDate; to: IsoDate },
  ctx: NaverAccountContext,
): MetricRow[] {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const envelope = isRecord(body.dailyStatResponse) && body.data === undefined ? body.dailyStatResponse : body;
  if (!Array.isArray(envelope.data)) throw new ResponseFormatError('data', 'expected an array of daily rows');
  return envelope.data.map((raw, i): MetricRow => {
    const where = `data[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const date = raw.dateStart;
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.dateStart`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (raw.dateEnd !== date) {
      throw new ResponseFormatError(
        `${where}.dateEnd`,
        `expected ${date} for a daily row (timeIncrement=1), got ${JSON.stringify(raw.dateEnd)}`,
      );
    }
    if (date < range.from || date > range.to) {
      throw new ResponseFormatError(
        `${where}.dateStart`,
        `${date} is outside the requested ${range.from}..${range.to}`,
      );
    }
    for (const name of REQUIRED_STAT_FIELDS) {
      if (raw[name] === undefined) throw new ResponseFormatError(`${where}.${name}`, 'missing although requested');
    }
    return {
      platform: 'naver',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      ...levelOf(entity),
      entityId: entity.id,
      entityName: entity.name,
      date,
      currency: NAVER_CURRENCY,
      timeZone: NAVER_TIME_ZONE,
      impressions: integer(raw, 'impCnt', where),
      clicks: integer(raw, 'clkCnt', where),
      // "Cost Summation (VAT included)": stored as reported and flagged, never divided by 1.1 here.
      spendMicros: won(raw, 'salesAmt', where),
      conversions: raw.ccnt === undefined ? 0 : integer(raw, 'ccnt', where),
      conversionValueMicros: raw.convAmt === undefined ? 0n : won(raw, 'convAmt', where),
      mature: ctx.isMature(date),
      vatIncluded: true,
    };
  });
}
