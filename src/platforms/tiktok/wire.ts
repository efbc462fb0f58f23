import type { EntityLevel } from '../../domain/metrics';

/**
 * TikTok Marketing API names the engine depends on, kept in one place so a wrong guess is a one-line fix. The sandbox
 * states the names it serves on its own (sandbox/api-facts.ts), so a wrong guess here shows up as a failing test.
 * Sources: ../shared/reference/ad-platform-apis.md §5; tiktok/tiktok-business-api-sdk js_sdk/docs (ReportingApi.md,
 * CampaignUpdateBody.md), python_sdk/docs/AdgroupApi.md; Airbyte source-tiktok-marketing manifest.yaml.
 */

/** Synchronous report parameters shared by every level (docs: SDK ReportingApi.md, reference §5.2). */
export const TIKTOK_REPORT = {
  serviceType: 'AUCTION',
  reportType: 'BASIC',
} as const;

/**
 * The conversion the engine stores: completed payments and their value. unverified: the names come from community
 * code, which pairs `complete_payment` (a count) with `total_complete_payment_rate`, which despite its name carries
 * the total payment VALUE in major units of the advertiser currency, not a rate.
 */
export const TIKTOK_CONVERSIONS_METRIC = 'complete_payment';
export const TIKTOK_CONVERSION_VALUE_METRIC = 'total_complete_payment_rate';

/** Report metrics asked for at every level: the same names at campaign and ad group level. */
const CORE_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'conversion',
  TIKTOK_CONVERSIONS_METRIC,
  TIKTOK_CONVERSION_VALUE_METRIC,
] as const;

/** unverified: the longest start_date..end_date span one daily report accepts (Airbyte steps in 30-day windows). */
export const TIKTOK_MAX_REPORT_DAYS = 30;

/** page_size limit of report/integrated/get, campaign/get and adgroup/get (reference §5.2; SDK AdgroupApi.md). */
export const TIKTOK_MAX_PAGE_SIZE = 1000;

/** unverified: advertiser/info field names (community clients read name, currency and timezone). */
export const TIKTOK_ADVERTISER_FIELDS = ['advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status'];

/** campaign/get fields (SDK CampaignUpdateBody.md names budget and budget_mode; the rest unverified). */
export const TIKTOK_CAMPAIGN_FIELDS = [
  'campaign_id',
  'campaign_name',
  'budget',
  'budget_mode',
  'operation_status',
  'secondary_status',
  'objective_type',
];

/**
 * adgroup/get fields. unverified: the names follow community clients and mocks (adgroup_id, adgroup_name, campaign_id,
 * budget, budget_mode, operation_status, secondary_status "ADGROUP_STATUS_DELIVERY_OK").
 */
export const TIKTOK_ADGROUP_FIELDS = [
  'adgroup_id',
  'adgroup_name',
  'campaign_id',
  'budget',
  'budget_mode',
  'operation_status',
  'secondary_status',
];

/** Budget modes (SDK CampaignUpdateBody.md); only a daily budget is a daily budget. */
export const TIKTOK_BUDGET_MODE = {
  daily: 'BUDGET_MODE_DAY',
  total: 'BUDGET_MODE_TOTAL',
  infinite: 'BUDGET_MODE_INFINITE',
} as const;

/** What one engine level is called on TikTok's wire. */
export interface TiktokLevelNames {
  /** The list endpoint below /open_api/{version}/ for this level's entities. */
  listPath: string;
  listFields: readonly string[];
  /** The id field in list entries and the id dimension of the report. */
  idField: string;
  /** The name field in list entries and the attribute metric of the report. */
  nameField: string;
  /** The parent campaign's id in list entries and as a report attribute metric; null at campaign level. */
  parentField: string | null;
  dataLevel: string;
  dimensions: readonly string[];
  metrics: readonly string[];
}

/**
 * Campaigns (AUCTION_CAMPAIGN) and ad groups (AUCTION_ADGROUP, the engine's "adset"): data_level values per SDK
 * ReportingApi.md / reference §5.2. Names (`campaign_name`, `adgroup_name`, `campaign_id`) are attribute metrics:
 * TikTok returns them under `metrics`, not `dimensions`.
 * unverified: `campaign_id` as an attribute metric at AUCTION_ADGROUP (community report schemas list it as a metric
 * column at that level; the official metric list was not checked).
 */
export const TIKTOK_LEVELS = {
  campaign: {
    listPath: 'campaign/get',
    listFields: TIKTOK_CAMPAIGN_FIELDS,
    idField: 'campaign_id',
    nameField: 'campaign_name',
    parentField: null,
    dataLevel: 'AUCTION_CAMPAIGN',
    dimensions: ['campaign_id', 'stat_time_day'],
    metrics: ['campaign_name', ...CORE_METRICS],
  },
  // docs: SDK python_sdk/docs/AdgroupApi.md: GET /open_api/v1.3/adgroup/get/ (advertiser_id, filtering, page, page_size).
  adset: {
    listPath: 'adgroup/get',
    listFields: TIKTOK_ADGROUP_FIELDS,
    idField: 'adgroup_id',
    nameField: 'adgroup_name',
    parentField: 'campaign_id',
    dataLevel: 'AUCTION_ADGROUP',
    dimensions: ['adgroup_id', 'stat_time_day'],
    metrics: ['adgroup_name', 'campaign_id', ...CORE_METRICS],
  },
} as const satisfies Record<EntityLevel, TiktokLevelNames>;
