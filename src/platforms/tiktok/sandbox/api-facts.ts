/**
 * What this sandbox serves of TikTok's Marketing API, stated on its own rather than imported from the connector
 * (issue 7). Sources: ../shared/reference/ad-platform-apis.md §5; tiktok-business-api-sdk docs (ReportingApi.md,
 * AdgroupApi.md, CampaignUpdateBody.md); Airbyte source-tiktok-marketing. Guesses are marked "unverified".
 */

import type { EntityLevel } from '../../../domain/metrics';

/** Envelope codes: errors are HTTP 200 with code ≠ 0 (reference §5.3). 40100 and 50000 per Airbyte; rest unverified. */
export const TIKTOK_CODES = {
  ok: 0,
  noPermission: 40001,
  invalidParams: 40002,
  rateLimited: 40100,
  tokenMissing: 40104,
  tokenInvalid: 40105,
  systemError: 50000,
  serviceUnavailable: 50002,
} as const;

/** SDK ReportingApi.md: the synchronous report. */
export const TIKTOK_REPORT = { serviceType: 'AUCTION', reportType: 'BASIC' } as const;

/** unverified: longest start_date..end_date span of one daily report (Airbyte steps in 30-day windows). */
export const TIKTOK_MAX_REPORT_DAYS = 30;

/** Reference §5.2, SDK AdgroupApi.md: page_size at most 1000. */
export const TIKTOK_MAX_PAGE_SIZE = 1000;

/** unverified (community code): completed payments, and their value in major units under a "rate" name. */
export const TIKTOK_CONVERSIONS_METRIC = 'complete_payment';
export const TIKTOK_CONVERSION_VALUE_METRIC = 'total_complete_payment_rate';

/** SDK CampaignUpdateBody.md budget modes. */
export const TIKTOK_BUDGET_MODE = {
  daily: 'BUDGET_MODE_DAY',
  total: 'BUDGET_MODE_TOTAL',
  infinite: 'BUDGET_MODE_INFINITE',
} as const;

/**
 * data_level per engine level (SDK ReportingApi.md) with its id dimension and the attribute metrics (names, parent id)
 * TikTok returns under `metrics` (unverified: community report schemas list campaign_id as a metric at ad group level).
 */
export const TIKTOK_LEVELS = {
  campaign: {
    dataLevel: 'AUCTION_CAMPAIGN',
    dimensions: ['campaign_id', 'stat_time_day'],
    idField: 'campaign_id',
    nameField: 'campaign_name',
    parentField: null,
  },
  adset: {
    dataLevel: 'AUCTION_ADGROUP',
    dimensions: ['adgroup_id', 'stat_time_day'],
    idField: 'adgroup_id',
    nameField: 'adgroup_name',
    parentField: 'campaign_id',
  },
} as const satisfies Record<
  EntityLevel,
  { dataLevel: string; dimensions: readonly string[]; idField: string; nameField: string; parentField: string | null }
>;
