import { microsToDecimal } from '../../../domain/money';
import type { IsoDate } from '../../../domain/dates';
import type { EntityLevel } from '../../../domain/metrics';
import { TIKTOK_CONVERSION_VALUE_METRIC, TIKTOK_CONVERSIONS_METRIC, TIKTOK_LEVELS } from './api-facts';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import { budgetMajor, type TiktokSandboxCampaign } from './data';

/** Value metrics the sandbox's report knows at every level; anything else is rejected as an invalid parameter. */
export const REPORT_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpc',
  'cpm',
  'conversion',
  'likes',
  TIKTOK_CONVERSIONS_METRIC,
  TIKTOK_CONVERSION_VALUE_METRIC,
  'complete_payment_roas',
] as const;

/**
 * Attribute metrics per level: an entity's own name and, below the campaign, its parents' (community report schemas at
 * AUCTION_ADGROUP carry campaign_id and campaign_name as metric columns; see wire.ts TIKTOK_LEVELS).
 */
export const REPORT_ATTRIBUTES: Record<EntityLevel, readonly string[]> = {
  campaign: [TIKTOK_LEVELS.campaign.nameField],
  adset: [TIKTOK_LEVELS.adset.nameField, TIKTOK_LEVELS.adset.parentField, TIKTOK_LEVELS.campaign.nameField],
};

/** The entity a report row is about: its id dimension and its attribute metrics (names, parent campaign id). */
export interface ReportEntity {
  idField: string;
  id: string;
  attributes: Record<string, string>;
}

// TikTok sends money with two decimals even for KRW ("152340.00", reference §5.2).
const money = (micros: bigint) => microsToDecimal(micros, 2);
const ratio = (num: number, den: number) => (den > 0 ? (num / den).toFixed(2) : '0.00');

/**
 * One report row: `{dimensions: {<id>, stat_time_day}, metrics: {...}}`. Money and core counts are strings, money in
 * MAJOR units; some engagement counts are numbers; stat_time_day is midnight "YYYY-MM-DD 00:00:00" (reference §5.2;
 * Airbyte campaigns_reports_hourly.json mock).
 */
export function formatReportRow(
  entity: ReportEntity,
  date: IsoDate,
  day: CampaignDay,
  metrics: readonly string[],
): Record<string, unknown> {
  const spend = money(day.spendMicros);
  const value = money(day.conversionValueMicros);
  const all: Record<string, unknown> = {
    ...entity.attributes,
    spend,
    impressions: String(day.impressions),
    clicks: String(day.clicks),
    ctr: ratio(day.clicks * 100, day.impressions),
    cpc: ratio(Number(spend), day.clicks),
    cpm: ratio(Number(spend) * 1000, day.impressions),
    conversion: String(day.conversions),
    likes: Math.round(day.clicks * 0.4),
    [TIKTOK_CONVERSIONS_METRIC]: String(day.conversions),
    [TIKTOK_CONVERSION_VALUE_METRIC]: value,
    complete_payment_roas: ratio(Number(value), Number(spend)),
  };
  return {
    dimensions: { [entity.idField]: entity.id, stat_time_day: `${date} 00:00:00` },
    metrics: Object.fromEntries(metrics.map((m) => [m, all[m]])),
  };
}

/** A campaign/get entry; budget is a NUMBER in major units, 0 without a campaign budget (reference §5.4). */
export function formatCampaign(
  account: SandboxAccount,
  campaign: TiktokSandboxCampaign,
  budgetMinor: bigint | null,
  fields: readonly string[] | null,
): Record<string, unknown> {
  const enabled = campaign.status === 'ACTIVE';
  const all: Record<string, unknown> = {
    advertiser_id: account.id,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    budget: budgetMinor === null ? 0 : budgetMajor(budgetMinor, account.currency),
    budget_mode: campaign.budgetMode,
    operation_status: enabled ? 'ENABLE' : 'DISABLE',
    secondary_status: enabled ? 'CAMPAIGN_STATUS_ENABLE' : 'CAMPAIGN_STATUS_DISABLE',
    objective_type: OBJECTIVES[campaign.objective] ?? 'CONVERSIONS',
    create_time: `${campaign.startDate} 00:00:00`,
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'campaign_id' || fields.includes(k)));
}

const OBJECTIVES: Record<string, string> = {
  SALES: 'PRODUCT_SALES',
  TRAFFIC: 'TRAFFIC',
  AWARENESS: 'REACH',
  LEADS: 'LEAD_GENERATION',
};

/** An advertiser/info entry (field names unverified, see TIKTOK_ADVERTISER_FIELDS). */
export function formatAdvertiser(account: SandboxAccount, fields: readonly string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    advertiser_id: account.id,
    name: account.name,
    currency: account.currency,
    // unverified: an offset zone in `timezone`, the region name in `display_timezone`.
    timezone: offsetZone(account.timeZone),
    display_timezone: account.timeZone,
    status: 'STATUS_ENABLE',
    company: account.name,
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'advertiser_id' || fields.includes(k)));
}

/** "Asia/Seoul" → "Etc/GMT-9" (Etc zones invert the sign); zones with half-hour offsets keep their region name. */
function offsetZone(timeZone: string): string {
  const now = new Date();
  const local = new Date(now.toLocaleString('en-US', { timeZone }));
  const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
  const hours = (local.getTime() - utc.getTime()) / 3_600_000;
  if (!Number.isInteger(hours)) return timeZone;
  if (hours === 0) return 'Etc/GMT';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
