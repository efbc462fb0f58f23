import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { MetricRow } from '../../domain/metrics';
import { MICROS_PER_UNIT } from '../../domain/money';
import type { EntitySnapshot } from '../../storage/entities-store';
import { isRecord, ResponseFormatError } from '../errors';
import { KAKAO_CAMPAIGN_DIMENSION, KAKAO_CURRENCY, KAKAO_METRIC_FIELDS, KAKAO_TIME_ZONE } from './wire';

export interface KakaoAccountContext {
  advertiserId: string;
  accountId: string;
  /** Whether a report date is settled (Kakao: 08:00 KST the next day). */
  isMature: (date: IsoDate) => boolean;
}

export interface KakaoCampaignListItem {
  id: string;
  name: string;
  /** ON | OFF | DEL (docs kakaomoment/campaign). */
  config: string;
}

/** Kakao ids are JSON integers (Long); a digit string is accepted too. Returned as the decimal string. */
function idField(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new ResponseFormatError(field, `expected a numeric id, got ${JSON.stringify(value)}`);
}

/** Whole KRW as a JSON number (152340 or 152340.0 on the wire) → micros, never through a fractional float. */
export function kakaoWonToMicros(value: unknown, field: string): bigint {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ResponseFormatError(field, `expected an amount in KRW, got ${JSON.stringify(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ResponseFormatError(field, `expected whole non-negative won, got ${value}`);
  }
  return BigInt(value) * MICROS_PER_UNIT;
}

function countField(metrics: Record<string, unknown>, name: string, where: string): number {
  const value = metrics[name];
  if (value === undefined || value === null) return 0; // groups that do not apply return no value (reference §4.3)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(`${where}.${name}`, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/**
 * `GET /openapi/v4/adAccounts/{id}` → what the platform says about the account. The ad-account object has no
 * currency or zone: Kakao Moment is KRW and KST throughout (reference §0, §4.6), so those are platform constants.
 */
export function parseKakaoAdAccount(
  body: unknown,
  accountId: string,
): { currency: string; timeZone: string; name: string } {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const id = idField(body.id, 'id');
  if (id !== accountId) throw new ResponseFormatError('id', `expected ad account ${accountId}, got ${id}`);
  return { currency: KAKAO_CURRENCY, timeZone: KAKAO_TIME_ZONE, name: typeof body.name === 'string' ? body.name : '' };
}

/** `GET /openapi/v4/campaigns` → `{content: [{id, name, config, userConfig, systemConfig}]}` (docs kakaomoment/campaign). */
export function parseKakaoCampaignList(body: unknown): KakaoCampaignListItem[] {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (!Array.isArray(body.content)) throw new ResponseFormatError('content', 'expected an array of campaigns');
  return body.content.map((raw, i) => {
    const where = `content[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    return {
      id: idField(raw.id, `${where}.id`),
      name: typeof raw.name === 'string' ? raw.name : '',
      config: typeof raw.config === 'string' ? raw.config : 'UNKNOWN',
    };
  });
}

/**
 * `GET /openapi/v4/campaigns/{id}` → entity snapshot. `dailyBudgetAmount` is integer KRW, or null for "no daily
 * limit" (reference §4.2, §4.5; the meaning of null is unverified).
 */
export function parseKakaoCampaignDetail(body: unknown, ctx: Omit<KakaoAccountContext, 'isMature'>): EntitySnapshot {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const id = idField(body.id, 'id');
  const budget = body.dailyBudgetAmount;
  const config = typeof body.config === 'string' ? body.config : 'UNKNOWN';
  const system = typeof body.systemConfig === 'string' ? body.systemConfig : 'ON';
  return {
    platform: 'kakao',
    accountId: ctx.accountId,
    advertiserId: ctx.advertiserId,
    level: 'campaign',
    entityId: id,
    name: typeof body.name === 'string' ? body.name : '',
    // A system stop (ADMIN_STOP, EXTERNAL_SERVICE_STOP) overrides the user's ON: the campaign does not deliver.
    status: config === 'ON' && system !== 'ON' ? system : config,
    currency: KAKAO_CURRENCY,
    dailyBudgetMicros: budget === undefined || budget === null ? null : kakaoWonToMicros(budget, 'dailyBudgetAmount'),
  };
}

/**
 * One `GET /openapi/v4/campaigns/report?timeUnit=DAY` response → normalised rows. Envelope `{code: 200, message,
 * data: [{start, end, dimensions: {campaign_id}, metrics: {...}}]}` (reference §4.3; field names unverified, see
 * wire.ts). Report rows carry no campaign name: names come from the campaign list.
 */
export function parseKakaoReport(
  body: unknown,
  ctx: KakaoAccountContext & { campaignNames: ReadonlyMap<string, string> },
): MetricRow[] {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body.code !== undefined && body.code !== 200) {
    throw new ResponseFormatError('code', `expected 200 in a successful report, got ${JSON.stringify(body.code)}`);
  }
  if (!Array.isArray(body.data)) throw new ResponseFormatError('data', 'expected an array of report rows');
  const f = KAKAO_METRIC_FIELDS;
  return body.data.map((raw, i): MetricRow => {
    const where = `data[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const date = raw.start;
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.start`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (raw.end !== date) {
      throw new ResponseFormatError(
        `${where}.end`,
        `expected ${date} for a daily row (timeUnit=DAY), got ${JSON.stringify(raw.end)}`,
      );
    }
    if (!isRecord(raw.dimensions)) throw new ResponseFormatError(`${where}.dimensions`, 'expected an object');
    const campaignId = idField(
      raw.dimensions[KAKAO_CAMPAIGN_DIMENSION],
      `${where}.dimensions.${KAKAO_CAMPAIGN_DIMENSION}`,
    );
    const metrics = raw.metrics;
    if (!isRecord(metrics)) throw new ResponseFormatError(`${where}.metrics`, 'expected an object');
    const m = `${where}.metrics`;
    const money = (name: string) =>
      metrics[name] === undefined || metrics[name] === null ? 0n : kakaoWonToMicros(metrics[name], `${m}.${name}`);
    return {
      platform: 'kakao',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level: 'campaign',
      entityId: campaignId,
      entityName: ctx.campaignNames.get(campaignId) ?? '',
      date,
      currency: KAKAO_CURRENCY,
      timeZone: KAKAO_TIME_ZONE,
      impressions: countField(metrics, f.impressions, m),
      clicks: countField(metrics, f.clicks, m),
      spendMicros: money(f.cost),
      conversions: countField(metrics, f.conversions, m),
      conversionValueMicros: money(f.conversionValue),
      mature: ctx.isMature(date),
    };
  });
}
