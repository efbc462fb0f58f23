/**
 * Kakao Moment wire facts of the connector side (the sandbox states its own in sandbox/api-facts.ts). Several are
 * guesses from community clients, not from Kakao's own samples: each one is marked "unverified" and lives here only,
 * so a wrong guess is a one-line fix.
 * Reference: ../shared/reference/ad-platform-apis.md §4.
 */

import type { EntityLevel } from '../../domain/metrics';

/** Kakao Moment accounts are KRW and report in KST (reference §0, §4.6); the ad-account API states neither. */
export const KAKAO_CURRENCY = 'KRW';
export const KAKAO_TIME_ZONE = 'Asia/Seoul';

/** `start`/`end` may span at most 31 days (docs: developers.kakao.com/docs/latest/ko/kakaomoment/report). */
export const KAKAO_REPORT_MAX_DAYS = 31;

/** Campaign ids per report call. Unverified: the community PHP client batches 20 ids per call. */
export const KAKAO_REPORT_CAMPAIGN_BATCH = 20;

/**
 * Ad group ids per `/adGroups/report` call. Unverified: community clients batch 20 (a Java collector) or up to 40
 * (a Python BigQuery loader) `adGroupId`s per call; 20 is the safe side of both.
 */
export const KAKAO_REPORT_ADGROUP_BATCH = 20;

/**
 * Metric groups we ask for. BASIC and PIXEL_CONVERSION are documented group names (docs kakaomoment/report); which
 * fields each group returns is unverified (community clients and the reference's sample).
 */
export const KAKAO_METRICS_GROUPS = ['BASIC', 'PIXEL_CONVERSION'] as const;

/** Field names inside `data[].metrics`. Unverified: community clients (imp/click/ctr/cost, conv_purchase_*). */
export const KAKAO_METRIC_FIELDS = {
  impressions: 'imp',
  clicks: 'click',
  ctr: 'ctr',
  /** KRW, a JSON number that may look like a float (152340.0); must be whole won. */
  cost: 'cost',
  /** Pixel & SDK purchases, 7-day attribution window (Kakao help centre: 확인 기준 1일/7일). */
  conversions: 'conv_purchase_7d',
  conversions1d: 'conv_purchase_1d',
  /** Purchase amount in KRW for the same window (community clients name it conv_purchase_p_7d). */
  conversionValue: 'conv_purchase_p_7d',
  conversionValue1d: 'conv_purchase_p_1d',
} as const;

/** `dimensions` key naming the campaign of a campaign-report row. Unverified (community mock, reference §4.3). */
export const KAKAO_CAMPAIGN_DIMENSION = 'campaign_id';

/** `dimensions` key naming the ad group of an ad-group-report row. Unverified (community Java and Python clients). */
export const KAKAO_ADGROUP_DIMENSION = 'ad_group_id';

/**
 * The report endpoint of each level and how it names its entities (docs kakaomoment/report lists `/campaigns/report`
 * and `/adGroups/report`; the id parameters `campaignId` / `adGroupId` take comma-separated lists per community
 * clients, unverified). Both endpoints share the one-call-per-5-s rule of the ad account.
 */
export const KAKAO_REPORT_LEVELS = {
  campaign: {
    path: 'campaigns/report',
    idParam: 'campaignId',
    dimension: KAKAO_CAMPAIGN_DIMENSION,
    batch: KAKAO_REPORT_CAMPAIGN_BATCH,
  },
  adset: {
    path: 'adGroups/report',
    idParam: 'adGroupId',
    dimension: KAKAO_ADGROUP_DIMENSION,
    batch: KAKAO_REPORT_ADGROUP_BATCH,
  },
} as const satisfies Record<EntityLevel, { path: string; idParam: string; dimension: string; batch: number }>;

/**
 * Key of the parent campaign object inside an ad group detail (`{"campaign": {"id": ..., "adAccountId": ...}}`).
 * Unverified: a community Go client reads it; Kakao's list sample does not show the detail body.
 */
export const KAKAO_ADGROUP_PARENT_FIELD = 'campaign';

/**
 * Daily budget rules in integer KRW, for budget changes (nothing uses them yet). Unverified, from community clients:
 * campaigns ₩50,000 – ₩1,000,000,000 (reference §4.5), ad groups ₩10,000 – ₩500,000,000 (a Go client); ₩10 steps.
 */
export const KAKAO_DAILY_BUDGET_RULES = {
  campaign: { min: 50_000, max: 1_000_000_000, step: 10 },
  adset: { min: 10_000, max: 500_000_000, step: 10 },
} as const satisfies Record<EntityLevel, { min: number; max: number; step: number }>;

/** `extras.detailCode` of a budget outside those rules: a community mock rejects "min 50,000" with it. Unverified. */
export const KAKAO_BUDGET_DETAIL_CODE = 31011;

/** `extras.detailCode` for a deleted or unknown campaign / ad group (community client). Unverified. */
export const KAKAO_DELETED_CAMPAIGN_DETAIL_CODE = 31001;
export const KAKAO_DELETED_ADGROUP_DETAIL_CODE = 32026;

/** `extras.detailCode` values for objects that are gone (community client: deleted campaign/ad group/creative). */
export const KAKAO_DELETED_DETAIL_CODES: ReadonlySet<number> = new Set([
  KAKAO_DELETED_CAMPAIGN_DETAIL_CODE,
  KAKAO_DELETED_ADGROUP_DETAIL_CODE,
  33003,
]);

/** `extras.detailCode` 9004 "권한이 없습니다." with -813 on a foreign ad account (devtalk.kakao.com). Unverified. */
export const KAKAO_NO_PERMISSION_DETAIL_CODE = 9004;
