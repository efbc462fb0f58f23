import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { MetricRow } from '../../domain/metrics';
import { decimalToMicros } from '../../domain/money';
import type { EntitySnapshot } from '../../storage/entities-store';
import { isRecord, ResponseFormatError } from '../errors';

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

export interface NaverAccountContext {
  advertiserId: string;
  accountId: string;
  /** Whether a report date is settled (Naver: restatementWindowDays in config/platforms.yaml). */
  isMature: (date: IsoDate) => boolean;
}

function integer(row: Record<string, unknown>, name: string, where: string): number {
  const value = row[name];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(`${where}.${name}`, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/** Whole won (salesAmt, convAmt, dailyBudget are integer KRW: ncc-report.json DailyStatMap, Campaign) → micros. */
function won(row: Record<string, unknown>, name: string, where: string): bigint {
  return decimalToMicros(integer(row, name, where), `${where}.${name}`);
}

/**
 * `GET /stats?id=…&timeIncrement=1` → daily rows of one campaign. The real API answers `{data, summary}` at the top
 * level (java-sample model/Stat.java); the swagger wraps it in `dailyStatResponse`, which is accepted too.
 * Days without delivery are absent, not zero (issue #570 for the summary form; unverified for the daily form).
 */
export function parseNaverDailyStats(
  body: unknown,
  campaign: NaverCampaign,
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
      level: 'campaign',
      entityId: campaign.id,
      entityName: campaign.name,
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

export interface NaverCampaignsPage {
  campaigns: NaverCampaign[];
  entities: EntitySnapshot[];
}

/** `GET /ncc/campaigns` → a JSON ARRAY of Campaign objects (ncc-heroes-ncc.json; reference §3.2). */
export function parseNaverCampaigns(body: unknown, ctx: Omit<NaverAccountContext, 'isMature'>): NaverCampaignsPage {
  if (!Array.isArray(body)) throw new ResponseFormatError('(body)', 'expected a JSON array of campaigns');
  const campaigns: NaverCampaign[] = [];
  const entities = body.map((raw, i): EntitySnapshot => {
    const where = `[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected a campaign object');
    const id = raw.nccCampaignId;
    if (typeof id !== 'string' || !/^cmp-[a-z0-9-]+$/.test(id)) {
      throw new ResponseFormatError(`${where}.nccCampaignId`, `expected a cmp-… id, got ${JSON.stringify(id)}`);
    }
    if (raw.customerId !== undefined && String(raw.customerId) !== ctx.accountId) {
      throw new ResponseFormatError(
        `${where}.customerId`,
        `campaign belongs to customer ${JSON.stringify(raw.customerId)}, not ${ctx.accountId}`,
      );
    }
    const name = typeof raw.name === 'string' ? raw.name : '';
    const status = typeof raw.status === 'string' ? raw.status : 'UNKNOWN';
    campaigns.push({ id, name, status });
    return {
      platform: 'naver',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level: 'campaign',
      entityId: id,
      name,
      status,
      currency: NAVER_CURRENCY,
      dailyBudgetMicros: campaignBudget(raw, where),
    };
  });
  return { campaigns, entities };
}

/**
 * dailyBudget (int KRW) applies only with useDailyBudget=true; false means unlimited. A shared budget
 * (sharedBudgetId) overrides the campaign's own (reference §3.5, Campaign definition): then the budget lives elsewhere.
 */
function campaignBudget(raw: Record<string, unknown>, where: string): bigint | null {
  if (typeof raw.useDailyBudget !== 'boolean') {
    throw new ResponseFormatError(
      `${where}.useDailyBudget`,
      `expected a boolean, got ${JSON.stringify(raw.useDailyBudget)}`,
    );
  }
  const dailyBudget = won(raw, 'dailyBudget', where);
  if (!raw.useDailyBudget || (raw.sharedBudgetId !== null && raw.sharedBudgetId !== undefined)) return null;
  return dailyBudget;
}
