import { isIsoDate, type IsoDate } from '../../domain/dates';
import type { MetricRow } from '../../domain/metrics';
import type { EntitySnapshot } from '../../storage/entities-store';
import { isRecord, ResponseFormatError } from '../errors';
import { doubleMajorToMicros, doubleValue, int64Count, int64Id, int64Micros } from './units';

/**
 * Pure parsing of GoogleAdsService.Search responses (docs: developers.google.com/google-ads/api/rest/common/search;
 * reference §2.2–2.4): `{results?: GoogleAdsRow[], nextPageToken?, fieldMask, requestId}`. Rows are proto3 JSON:
 * lowerCamelCase, nested per resource, int64 as strings, doubles as numbers. `results` is absent when there are no
 * rows and `nextPageToken` is absent on the last page.
 */

export interface GoogleAdsAccountContext {
  advertiserId: string;
  /** Customer id, 10 digits without hyphens. */
  accountId: string;
  currency: string;
  timeZone: string;
  /** Whether a report date is settled (Google: conversion lag, config restatementWindowDays). */
  isMature: (date: IsoDate) => boolean;
}

export interface GoogleAdsPage<T> {
  items: T[];
  /** nextPageToken; null on the last page. Opaque and secret-free, so it can be heartbeated as the cursor. */
  nextPageToken: string | null;
}

/** The search envelope: rows and the next page token. */
export function parseSearchEnvelope(body: unknown): {
  results: Record<string, unknown>[];
  nextPageToken: string | null;
} {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const raw = body.results ?? [];
  if (!Array.isArray(raw)) throw new ResponseFormatError('results', 'expected an array of rows');
  const results = raw.map((row, i) => {
    if (!isRecord(row)) throw new ResponseFormatError(`results[${i}]`, 'expected an object');
    return row;
  });
  const token = body.nextPageToken;
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    throw new ResponseFormatError('nextPageToken', `expected a non-empty string, got ${JSON.stringify(token)}`);
  }
  return { results, nextPageToken: token ?? null };
}

function nested(row: Record<string, unknown>, resource: string, where: string): Record<string, unknown> {
  const value = row[resource];
  if (value === undefined) return {};
  if (!isRecord(value)) throw new ResponseFormatError(`${where}.${resource}`, 'expected an object');
  return value;
}

/** A metric may be omitted when it holds its default (0) value. */
function optionalCount(metrics: Record<string, unknown>, name: string, where: string): number {
  return metrics[name] === undefined ? 0 : int64Count(metrics[name], `${where}.metrics.${name}`);
}

/** One page of the daily campaign metrics query (gaql.ts dailyMetricsQuery) → normalised rows. */
export function parseDailyMetricsPage(
  body: unknown,
  ctx: GoogleAdsAccountContext,
  range?: { from: IsoDate; to: IsoDate },
): GoogleAdsPage<MetricRow> {
  const { results, nextPageToken } = parseSearchEnvelope(body);
  const items = results.map((row, i): MetricRow => {
    const where = `results[${i}]`;
    const campaign = nested(row, 'campaign', where);
    const metrics = nested(row, 'metrics', where);
    const segments = nested(row, 'segments', where);
    const entityId = int64Id(campaign.id, `${where}.campaign.id`);
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
      level: 'campaign',
      entityId,
      entityName: typeof campaign.name === 'string' ? campaign.name : '',
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

/**
 * One page of the campaigns query (gaql.ts campaignsQuery) → entity snapshots. Every Google campaign has a
 * CampaignBudget; amountMicros is the average daily budget in micros of the account currency (docs CampaignBudget).
 * A budget with explicitlyShared=true is shared by several campaigns, so changing it changes all of them
 * (reference §2.6, §8 row 20): the amount is kept here, the budget writer must resolve the sharing first.
 */
export function parseCampaignsPage(
  body: unknown,
  ctx: Omit<GoogleAdsAccountContext, 'isMature' | 'timeZone'>,
): GoogleAdsPage<EntitySnapshot> {
  const { results, nextPageToken } = parseSearchEnvelope(body);
  const items = results.map((row, i): EntitySnapshot => {
    const where = `results[${i}]`;
    const campaign = nested(row, 'campaign', where);
    const budget = nested(row, 'campaignBudget', where);
    const amount = budget.amountMicros;
    if (budget.explicitlyShared !== undefined && typeof budget.explicitlyShared !== 'boolean') {
      throw new ResponseFormatError(`${where}.campaignBudget.explicitlyShared`, 'expected a boolean');
    }
    return {
      platform: 'google_ads',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level: 'campaign',
      entityId: int64Id(campaign.id, `${where}.campaign.id`),
      name: typeof campaign.name === 'string' ? campaign.name : '',
      status: typeof campaign.status === 'string' ? campaign.status : 'UNKNOWN',
      currency: ctx.currency,
      dailyBudgetMicros: amount === undefined ? null : int64Micros(amount, `${where}.campaignBudget.amountMicros`),
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
