/**
 * TikTok Marketing API names the engine depends on, kept in one place so a wrong guess is a one-line fix. The sandbox
 * serves exactly these names, so correcting one here corrects both sides.
 * Sources: ../shared/reference/ad-platform-apis.md §5; tiktok/tiktok-business-api-sdk js_sdk/docs (ReportingApi.md,
 * CampaignUpdateBody.md); Airbyte source-tiktok-marketing manifest.yaml.
 */

/** Synchronous report parameters for one row per campaign per day (docs: SDK ReportingApi.md, reference §5.2). */
export const TIKTOK_REPORT = {
  serviceType: 'AUCTION',
  reportType: 'BASIC',
  dataLevel: 'AUCTION_CAMPAIGN',
  dimensions: ['campaign_id', 'stat_time_day'],
} as const;

/**
 * The conversion the engine stores: completed payments and their value. unverified: the names come from community
 * code, which pairs `complete_payment` (a count) with `total_complete_payment_rate`, which despite its name carries
 * the total payment VALUE in major units of the advertiser currency, not a rate.
 */
export const TIKTOK_CONVERSIONS_METRIC = 'complete_payment';
export const TIKTOK_CONVERSION_VALUE_METRIC = 'total_complete_payment_rate';

/** What the connector asks for; `campaign_name` is an attribute but TikTok returns it under `metrics`. */
export const TIKTOK_REPORT_METRICS = [
  'campaign_name',
  'spend',
  'impressions',
  'clicks',
  'conversion',
  TIKTOK_CONVERSIONS_METRIC,
  TIKTOK_CONVERSION_VALUE_METRIC,
] as const;

/** unverified: the longest start_date..end_date span one daily report accepts (Airbyte steps in 30-day windows). */
export const TIKTOK_MAX_REPORT_DAYS = 30;

/** page_size limit of report/integrated/get and campaign/get (reference §5.2, Airbyte uses 1000). */
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

/** Budget modes (SDK CampaignUpdateBody.md); only a daily budget is a daily budget. */
export const TIKTOK_BUDGET_MODE = {
  daily: 'BUDGET_MODE_DAY',
  total: 'BUDGET_MODE_TOTAL',
  infinite: 'BUDGET_MODE_INFINITE',
} as const;
