import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { MetricRow } from '../../domain/metrics';
import { decimalToMicros, MoneyFormatError } from '../../domain/money';
import type { EntitySnapshot } from '../../storage/entities-store';
import { isRecord, ResponseFormatError } from '../errors';
import { TIKTOK_CODES } from './codes';
import { TIKTOK_BUDGET_MODE, TIKTOK_CONVERSION_VALUE_METRIC, TIKTOK_CONVERSIONS_METRIC } from './wire';

export interface TiktokAccountContext {
  advertiserId: string;
  accountId: string;
  currency: string;
  timeZone: string;
  /** Whether a report date is settled (TikTok: restatementWindowDays after the fact). */
  isMature: (date: IsoDate) => boolean;
}

export interface TiktokPage<T> {
  items: T[];
  /** `data.page_info.page` and `total_page`: the caller asks for page + 1 while page < totalPage. */
  page: number;
  totalPage: number;
}

/** `{code: 0, message, request_id, data: {...}}` (reference §5.2). Failure codes were handled by the classifier. */
function parseData(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body.code !== TIKTOK_CODES.ok) {
    throw new ResponseFormatError(
      'code',
      `expected ${TIKTOK_CODES.ok} in a successful response, got ${JSON.stringify(body.code)}`,
    );
  }
  if (!isRecord(body.data)) throw new ResponseFormatError('data', 'expected an object');
  return body.data;
}

function parseList(data: Record<string, unknown>): unknown[] {
  // An empty result may come without a list at all (unverified); anything else must be an array.
  if (data.list === undefined || data.list === null) return [];
  if (!Array.isArray(data.list)) throw new ResponseFormatError('data.list', 'expected an array');
  return data.list;
}

function pageNumber(value: unknown, field: string, min: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new ResponseFormatError(field, `expected an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** `page_info: {page, page_size, total_number, total_page}` (Airbyte mocks; reference §5.2). */
function parsePageInfo(data: Record<string, unknown>): { page: number; totalPage: number } {
  if (!isRecord(data.page_info)) throw new ResponseFormatError('data.page_info', 'expected an object');
  return {
    page: pageNumber(data.page_info.page, 'data.page_info.page', 1),
    totalPage: pageNumber(data.page_info.total_page, 'data.page_info.total_page', 0),
  };
}

/** Core counts are strings, some engagement counts numbers: accept both, as non-negative integers. */
function count(value: unknown, field: string): number {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(field, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/** Money is a decimal string in MAJOR units of the advertiser currency ("152340.00"), reference §5.2. */
function money(value: unknown, field: string): bigint {
  try {
    return decimalToMicros(value, field);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new ResponseFormatError(field, err.message.replace(`${field}: `, ''));
    throw err;
  }
}

function numericId(value: unknown, field: string): string {
  // Ids are 16+ digits: beyond 2^53, so only a string keeps them exact.
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new ResponseFormatError(field, `expected a numeric id string, got ${JSON.stringify(value)}`);
}

/** `stat_time_day` is "YYYY-MM-DD HH:MM:SS" at midnight in the advertiser's zone (Airbyte cursor_datetime_formats). */
function statDay(value: unknown, field: string): IsoDate {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}) 00:00:00$/.exec(value) : null;
  if (!match || !isIsoDate(match[1])) {
    throw new ResponseFormatError(field, `expected "YYYY-MM-DD 00:00:00", got ${JSON.stringify(value)}`);
  }
  return match[1];
}

/** One page of `GET report/integrated/get/` (AUCTION_CAMPAIGN, campaign_id × stat_time_day) → normalised rows. */
export function parseTiktokReportPage(body: unknown, ctx: TiktokAccountContext): TiktokPage<MetricRow> {
  const data = parseData(body);
  const list = parseList(data);
  const { page, totalPage } = parsePageInfo(data);
  const items = list.map((raw, i): MetricRow => {
    const where = `data.list[${i}]`;
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
      level: 'campaign',
      entityId: numericId(dims.campaign_id, `${where}.dimensions.campaign_id`),
      entityName: typeof metrics.campaign_name === 'string' ? metrics.campaign_name : '',
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
  return { items, page, totalPage };
}

/**
 * One page of `GET campaign/get/` → entity snapshots. Budgets are NUMBERS in MAJOR units (reference §5.4); only
 * BUDGET_MODE_DAY is a daily budget, a total (lifetime) or infinite budget gives no daily budget.
 */
export function parseTiktokCampaignsPage(
  body: unknown,
  ctx: Pick<TiktokAccountContext, 'advertiserId' | 'accountId' | 'currency'>,
): TiktokPage<EntitySnapshot> {
  const data = parseData(body);
  const list = parseList(data);
  const { page, totalPage } = parsePageInfo(data);
  const items = list.map((raw, i): EntitySnapshot => {
    const where = `data.list[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const daily = raw.budget_mode === TIKTOK_BUDGET_MODE.daily;
    return {
      platform: 'tiktok',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level: 'campaign',
      entityId: numericId(raw.campaign_id, `${where}.campaign_id`),
      name: typeof raw.campaign_name === 'string' ? raw.campaign_name : '',
      status: campaignStatus(raw),
      currency: ctx.currency,
      dailyBudgetMicros: daily ? money(raw.budget, `${where}.budget`) : null,
    };
  });
  return { items, page, totalPage };
}

/** operation_status is what the advertiser set (ENABLE/DISABLE); secondary_status adds why it is not delivering. */
function campaignStatus(raw: Record<string, unknown>): string {
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
