import type { IsoDate } from '../../domain/dates';
import type { EntityLevel, MetricRow } from '../../domain/metrics';
import type { EntitySnapshot } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { parseData, parseList, parseListPage, type TiktokPage } from './envelope';
import { count, money, numericId, statDay } from './values';
import { TIKTOK_BUDGET_MODE, TIKTOK_CONVERSION_VALUE_METRIC, TIKTOK_CONVERSIONS_METRIC, TIKTOK_LEVELS } from './wire';

export type { TiktokPage } from './envelope';

export interface TiktokAccountContext {
  advertiserId: string;
  accountId: string;
  currency: string;
  timeZone: string;
  /** Whether a report date is settled (TikTok: restatementWindowDays after the fact). */
  isMature: (date: IsoDate) => boolean;
}

/**
 * One page of `GET report/integrated/get/` at one level (AUCTION_CAMPAIGN: campaign_id × stat_time_day, AUCTION_ADGROUP:
 * adgroup_id × stat_time_day) → normalised rows. Names and the parent campaign id are attribute metrics (wire.ts).
 */
export function parseTiktokReportPage(
  body: unknown,
  ctx: TiktokAccountContext,
  level: EntityLevel = 'campaign',
): TiktokPage<MetricRow> {
  const names = TIKTOK_LEVELS[level];
  return parseListPage(body, (raw, where): MetricRow => {
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    if (!isRecord(raw.dimensions)) throw new ResponseFormatError(`${where}.dimensions`, 'expected an object');
    if (!isRecord(raw.metrics)) throw new ResponseFormatError(`${where}.metrics`, 'expected an object');
    const dims = raw.dimensions;
    const metrics = raw.metrics;
    const date = statDay(dims.stat_time_day, `${where}.dimensions.stat_time_day`);
    const conversions = metrics[TIKTOK_CONVERSIONS_METRIC];
    const conversionValue = metrics[TIKTOK_CONVERSION_VALUE_METRIC];
    return {
      platform: 'tiktok',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      entityId: numericId(dims[names.idField], `${where}.dimensions.${names.idField}`),
      entityName: textOf(metrics[names.nameField]),
      ...parentOf(names.parentField, metrics, `${where}.metrics`),
      date,
      currency: ctx.currency,
      timeZone: ctx.timeZone,
      // Requested core metrics are always present in TikTok rows; a missing one is a broken response, not a zero.
      impressions: count(metrics.impressions, `${where}.metrics.impressions`),
      clicks: count(metrics.clicks, `${where}.metrics.clicks`),
      spendMicros: money(metrics.spend, `${where}.metrics.spend`),
      // Conversion metrics depend on the pixel/event setup; absent means none were measured.
      conversions: conversions === undefined ? 0 : count(conversions, `${where}.metrics.${TIKTOK_CONVERSIONS_METRIC}`),
      conversionValueMicros:
        conversionValue === undefined
          ? 0n
          : money(conversionValue, `${where}.metrics.${TIKTOK_CONVERSION_VALUE_METRIC}`),
      mature: ctx.isMature(date),
    };
  });
}

/**
 * One page of `GET campaign/get/` or `GET adgroup/get/` → entity snapshots. Budgets are NUMBERS in MAJOR units
 * (reference §5.4); only BUDGET_MODE_DAY is a daily budget, a total (lifetime) or infinite budget gives no daily budget.
 */
export function parseTiktokEntitiesPage(
  body: unknown,
  ctx: Pick<TiktokAccountContext, 'advertiserId' | 'accountId' | 'currency'>,
  level: EntityLevel,
): TiktokPage<EntitySnapshot> {
  const names = TIKTOK_LEVELS[level];
  return parseListPage(body, (raw, where): EntitySnapshot => {
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const daily = raw.budget_mode === TIKTOK_BUDGET_MODE.daily;
    return {
      platform: 'tiktok',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      entityId: numericId(raw[names.idField], `${where}.${names.idField}`),
      ...parentOf(names.parentField, raw, where),
      name: textOf(raw[names.nameField]),
      status: entityStatus(raw),
      currency: ctx.currency,
      dailyBudgetMicros: daily ? money(raw.budget, `${where}.budget`) : null,
    };
  });
}

export const parseTiktokCampaignsPage = (body: unknown, ctx: Parameters<typeof parseTiktokEntitiesPage>[1]) =>
  parseTiktokEntitiesPage(body, ctx, 'campaign');

export const parseTiktokAdGroupsPage = (body: unknown, ctx: Parameters<typeof parseTiktokEntitiesPage>[1]) =>
  parseTiktokEntitiesPage(body, ctx, 'adset');

/** The parent campaign of an ad group, required there; campaign rows carry no campaignId key at all. */
function parentOf(field: string | null, source: Record<string, unknown>, where: string): { campaignId?: string } {
  return field === null ? {} : { campaignId: numericId(source[field], `${where}.${field}`) };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** operation_status is what the advertiser set (ENABLE/DISABLE); secondary_status adds why it is not delivering. */
function entityStatus(raw: Record<string, unknown>): string {
  if (typeof raw.secondary_status === 'string' && raw.secondary_status) return raw.secondary_status;
  if (typeof raw.operation_status === 'string' && raw.operation_status) return raw.operation_status;
  return 'UNKNOWN';
}

/**
 * `GET advertiser/info/?advertiser_ids=[…]` → what TikTok says about the account. unverified: `timezone` may be an
 * offset zone ("Etc/GMT-9") with the region name in `display_timezone`, so a Region/City name is preferred.
 */
export function parseTiktokAdvertiser(
  body: unknown,
  advertiserId: string,
): { currency: string; timeZone: string; name: string } {
  const list = parseList(parseData(body));
  const index = list.findIndex((a) => isRecord(a) && String(a.advertiser_id) === advertiserId);
  if (index < 0) throw new ResponseFormatError('data.list', `advertiser ${advertiserId} is not in the response`);
  const where = `data.list[${index}]`;
  const entry = list[index] as Record<string, unknown>;
  if (typeof entry.currency !== 'string' || !/^[A-Z]{3}$/.test(entry.currency)) {
    throw new ResponseFormatError(
      `${where}.currency`,
      `expected an ISO 4217 code, got ${JSON.stringify(entry.currency)}`,
    );
  }
  return {
    currency: entry.currency,
    timeZone: advertiserTimeZone(entry, where),
    name: typeof entry.name === 'string' ? entry.name : '',
  };
}

const REGION_ZONE = /^[A-Za-z]+\/[A-Za-z_+-]+(\/[A-Za-z_+-]+)?$/;

function advertiserTimeZone(entry: Record<string, unknown>, where: string): string {
  const candidates = [entry.display_timezone, entry.timezone].filter(
    (z): z is string => typeof z === 'string' && z !== '',
  );
  const region = candidates.find((z) => REGION_ZONE.test(z) && !z.startsWith('Etc/'));
  const zone = region ?? candidates[0];
  if (!zone) throw new ResponseFormatError(`${where}.timezone`, 'missing from the advertiser');
  return zone;
}
