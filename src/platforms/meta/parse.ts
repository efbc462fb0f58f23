import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { EntityLevel, MetricRow } from '../../domain/metrics';
import { decimalToMicros, metaBudgetToMicros, MoneyFormatError } from '../../domain/money';
import type { EntitySnapshot } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';

/** The conversion we standardise on. omni_purchase and the pixel purchase coexist in rows; summing double-counts. */
export const META_PURCHASE_ACTION = 'omni_purchase';

export interface MetaAccountContext {
  advertiserId: string;
  accountId: string;
  currency: string;
  timeZone: string;
  /** Whether a report date is settled (Meta: 28 days after the fact). */
  isMature: (date: IsoDate) => boolean;
}

export interface MetaPage<T> {
  items: T[];
  /** `paging.cursors.after` when there is a next page (never the `next` URL: it carries the access token). */
  after: string | null;
}

/** Envelope `{data: [...], paging: {cursors: {before, after}, next?}}` (Airbyte insights mock; Graph paging docs). */
function parseEnvelope(body: unknown): { data: unknown[]; after: string | null } {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (!Array.isArray(body.data)) throw new ResponseFormatError('data', 'expected an array of rows');
  const paging = isRecord(body.paging) ? body.paging : undefined;
  if (paging?.next === undefined) return { data: body.data, after: null };
  const after = isRecord(paging.cursors) ? paging.cursors.after : undefined;
  if (typeof after !== 'string' || after === '') {
    throw new ResponseFormatError('paging.cursors.after', 'missing although paging.next is present');
  }
  return { data: body.data, after };
}

function countField(row: Record<string, unknown>, name: string, where: string): number {
  const value = row[name];
  if (value === undefined) return 0; // Meta omits metrics without a value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(
    `${where}.${name}`,
    `expected a non-negative integer string, got ${JSON.stringify(value)}`,
  );
}

function money(value: unknown, field: string): bigint {
  try {
    return decimalToMicros(value, field);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new ResponseFormatError(field, err.message.replace(`${field}: `, ''));
    throw err;
  }
}

function actionValue(row: Record<string, unknown>, name: 'actions' | 'action_values', where: string): unknown {
  const list = row[name];
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw new ResponseFormatError(`${where}.${name}`, 'expected an array');
  const hit = list.find((a) => isRecord(a) && a.action_type === META_PURCHASE_ACTION) as
    Record<string, unknown> | undefined;
  return hit?.value;
}

function numericId(row: Record<string, unknown>, field: string, where: string): string {
  const id = row[field];
  if (typeof id !== 'string' || !/^\d+$/.test(id)) {
    throw new ResponseFormatError(`${where}.${field}`, `expected a numeric id string, got ${JSON.stringify(id)}`);
  }
  return id;
}

/**
 * One page of `GET /act_{id}/insights?level=campaign|adset&time_increment=1` → normalised rows. Ad set rows carry
 * adset_id/adset_name and their campaign_id (docs marketing-api/insights/parameters, `level`).
 */
export function parseMetaInsightsPage(
  body: unknown,
  ctx: MetaAccountContext,
  level: EntityLevel = 'campaign',
): MetaPage<MetricRow> {
  const { data, after } = parseEnvelope(body);
  const items = mapRecords(data, (raw, where): MetricRow => {
    const campaignId = numericId(raw, 'campaign_id', where);
    const entityId = level === 'adset' ? numericId(raw, 'adset_id', where) : campaignId;
    const name = level === 'adset' ? raw.adset_name : raw.campaign_name;
    const date = raw.date_start;
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.date_start`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (raw.date_stop !== date) {
      throw new ResponseFormatError(
        `${where}.date_stop`,
        `expected ${date} for a daily row (time_increment=1), got ${JSON.stringify(raw.date_stop)}`,
      );
    }
    if (raw.account_currency !== undefined && raw.account_currency !== ctx.currency) {
      throw new ResponseFormatError(
        `${where}.account_currency`,
        `the platform reports ${JSON.stringify(raw.account_currency)} but config/accounts.yaml says ${ctx.currency}`,
      );
    }
    const purchases = actionValue(raw, 'actions', where);
    const purchaseValue = actionValue(raw, 'action_values', where);
    // Action values are decimal strings (docs marketing-api/reference/ads-action-stats): "" or "-5" is not a count.
    const validPurchases =
      purchases === undefined || (typeof purchases === 'string' && /^\d+(\.\d+)?$/.test(purchases));
    if (!validPurchases) {
      throw new ResponseFormatError(
        `${where}.actions[${META_PURCHASE_ACTION}].value`,
        `expected a non-negative decimal string, got ${JSON.stringify(purchases)}`,
      );
    }
    const conversions = purchases === undefined ? 0 : Number(purchases);
    return {
      platform: 'meta',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      entityId,
      entityName: typeof name === 'string' ? name : '',
      ...(level === 'adset' ? { campaignId } : {}),
      date,
      currency: ctx.currency,
      timeZone: ctx.timeZone,
      impressions: countField(raw, 'impressions', where),
      clicks: countField(raw, 'clicks', where),
      spendMicros: raw.spend === undefined ? 0n : money(raw.spend, `${where}.spend`),
      conversions,
      conversionValueMicros:
        purchaseValue === undefined
          ? 0n
          : money(purchaseValue, `${where}.action_values[${META_PURCHASE_ACTION}].value`),
      mature: ctx.isMature(date),
    };
  });
  return { items, after };
}

/**
 * One page of `GET /act_{id}/campaigns` or `/adsets` → entity snapshots. Budgets arrive in minor units (docs
 * currencies) on whichever level owns them: the campaign under CBO, each ad set otherwise.
 */
export function parseMetaEntitiesPage(
  body: unknown,
  ctx: Omit<MetaAccountContext, 'isMature' | 'timeZone'>,
  level: EntityLevel = 'campaign',
): MetaPage<EntitySnapshot> {
  const { data, after } = parseEnvelope(body);
  const items = mapRecords(data, (raw, where): EntitySnapshot => {
    const entityId = numericId(raw, 'id', where);
    const campaignId = level === 'adset' ? numericId(raw, 'campaign_id', where) : undefined;
    let dailyBudgetMicros: bigint | null = null;
    if (raw.daily_budget !== undefined && raw.daily_budget !== null && raw.daily_budget !== '0') {
      try {
        dailyBudgetMicros = metaBudgetToMicros(raw.daily_budget, ctx.currency, `${where}.daily_budget`);
      } catch (err) {
        throw new ResponseFormatError(`${where}.daily_budget`, (err as Error).message);
      }
    }
    return {
      platform: 'meta',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      entityId,
      ...(campaignId === undefined ? {} : { campaignId }),
      name: typeof raw.name === 'string' ? raw.name : '',
      status: typeof raw.effective_status === 'string' ? raw.effective_status : String(raw.status ?? 'UNKNOWN'),
      currency: ctx.currency,
      dailyBudgetMicros,
    };
  });
  return { items, after };
}

/** `GET /act_{id}?fields=currency,timezone_name` → what the platform says about the account. */
export function parseMetaAccount(body: unknown): { currency: string; timeZone: string; name: string } {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (typeof body.currency !== 'string') throw new ResponseFormatError('currency', 'missing from the ad account');
  if (typeof body.timezone_name !== 'string')
    throw new ResponseFormatError('timezone_name', 'missing from the ad account');
  return {
    currency: body.currency,
    timeZone: body.timezone_name,
    name: typeof body.name === 'string' ? body.name : '',
  };
}

/** Maps each element of a page's `data`, which must be an object, with its path (`data[i]`) for error messages. */
function mapRecords<T>(data: unknown[], map: (raw: Record<string, unknown>, where: string) => T): T[] {
  return data.map((raw, i) => {
    const where = `data[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    return map(raw, where);
  });
}
