import { microsToDecimal, currencyDecimals } from '../../../domain/money';
import type { IsoDate } from '../../../domain/dates';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import type { SandboxAdSet, SandboxCampaign } from './data';

/** Fields the sandbox's insights edge knows; anything else is rejected like Meta does (error #100). */
export const INSIGHTS_FIELDS = [
  'account_id',
  'account_name',
  'account_currency',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpc',
  'actions',
  'action_values',
  'purchase_roas',
  'date_start',
  'date_stop',
] as const;

/**
 * One insights row in Meta's wire format: every number a string, money in MAJOR units of the account currency,
 * conversions inside `actions` / `action_values` arrays, and metrics without a value omitted from the row.
 * Shape: docs marketing-api/reference/ad-campaign/insights and Airbyte's insights mock responses.
 */
export function formatInsightsRow(
  account: SandboxAccount,
  campaign: SandboxCampaign,
  date: IsoDate,
  day: CampaignDay,
  fields: ReadonlySet<string>,
  /** Set on level=adset rows; at level=campaign Meta leaves the adset_* fields out. */
  adSet?: SandboxAdSet,
): Record<string, unknown> {
  const decimals = currencyDecimals(account.currency);
  const spend = microsToDecimal(day.spendMicros, decimals);
  const value = microsToDecimal(day.conversionValueMicros, decimals);
  const row: Record<string, unknown> = {};
  const put = (name: string, v: unknown) => {
    if (fields.has(name) && v !== undefined) row[name] = v;
  };
  put('account_id', account.id.slice(4));
  put('account_name', account.name);
  put('account_currency', account.currency);
  put('campaign_id', campaign.id);
  put('campaign_name', campaign.name);
  put('adset_id', adSet?.id);
  put('adset_name', adSet?.name);
  put('spend', spend);
  put('impressions', String(day.impressions));
  put('clicks', String(day.clicks));
  put('ctr', ((day.clicks / day.impressions) * 100).toFixed(6));
  if (day.clicks > 0) put('cpc', (Number(spend) / day.clicks).toFixed(6));
  const actions = [{ action_type: 'link_click', value: String(day.clicks) }];
  if (day.conversions > 0) {
    // Both the omni and the pixel purchase appear, as in real rows: summing them would double-count.
    actions.push({ action_type: 'offsite_conversion.fb_pixel_purchase', value: String(day.conversions) });
    actions.push({ action_type: 'omni_purchase', value: String(day.conversions) });
    put('action_values', [
      { action_type: 'offsite_conversion.fb_pixel_purchase', value },
      { action_type: 'omni_purchase', value },
    ]);
    put('purchase_roas', [{ action_type: 'omni_purchase', value: (Number(value) / Number(spend)).toFixed(6) }]);
  }
  put('actions', actions);
  put('date_start', date);
  put('date_stop', date);
  return row;
}

export function formatCampaign(
  campaign: SandboxCampaign,
  currentBudget: bigint | null,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    effective_status: campaign.status,
    objective: campaign.objective,
    start_time: `${campaign.startDate}T00:00:00+0000`,
    // Budgets are numeric strings in minor units (docs marketing-api/currencies); absent without a campaign budget.
    daily_budget: currentBudget === null ? undefined : currentBudget.toString(),
    budget_remaining: currentBudget === null ? undefined : currentBudget.toString(),
  };
  const row: Record<string, unknown> = { id: campaign.id };
  for (const field of fields) if (all[field] !== undefined) row[field] = all[field];
  return row;
}

/** An ad set node (docs marketing-api/reference/ad-campaign): budgets in minor units, only on ABO ad sets. */
export function formatAdSet(
  adSet: SandboxAdSet,
  campaign: SandboxCampaign,
  currentBudget: bigint | null,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: adSet.id,
    name: adSet.name,
    campaign_id: adSet.campaignId,
    status: campaign.status,
    effective_status: campaign.status === 'ACTIVE' ? 'ACTIVE' : 'CAMPAIGN_PAUSED',
    start_time: `${campaign.startDate}T00:00:00+0000`,
    billing_event: 'IMPRESSIONS',
    optimization_goal: campaign.objective === 'SALES' ? 'OFFSITE_CONVERSIONS' : 'LINK_CLICKS',
    daily_budget: currentBudget === null ? undefined : currentBudget.toString(),
    budget_remaining: currentBudget === null ? undefined : currentBudget.toString(),
  };
  const row: Record<string, unknown> = { id: adSet.id };
  for (const field of fields) if (all[field] !== undefined) row[field] = all[field];
  return row;
}

/** `fields=a,b` as a set, or the edge's default fields (docs graph-api/reference: fields parameter). */
export function fieldSet(fields: string | undefined, fallback: string[]): Set<string> {
  return new Set(fields ? fields.split(',').map((f) => f.trim()) : fallback);
}

export function accountNode(account: SandboxAccount, fields: string | undefined) {
  const offsetHours = tzOffsetHours(account.timeZone);
  const all: Record<string, unknown> = {
    id: account.id,
    account_id: account.id.slice(4),
    name: account.name,
    currency: account.currency,
    timezone_name: account.timeZone,
    timezone_offset_hours_utc: offsetHours,
    account_status: 1,
  };
  const wanted = fieldSet(fields, ['id', 'account_id']);
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.has(k) || k === 'id'));
}

function tzOffsetHours(timeZone: string): number {
  const now = new Date();
  const local = new Date(now.toLocaleString('en-US', { timeZone }));
  const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 3_600_000);
}
