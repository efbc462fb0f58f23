/**
 * Kakao Moment wire facts shared by the connector and the sandbox. Several are guesses from community clients, not
 * from Kakao's own samples: each one is marked "unverified" and lives here only, so a wrong guess is a one-line fix.
 * Reference: ../shared/reference/ad-platform-apis.md §4.
 */

/** Kakao Moment accounts are KRW and report in KST (reference §0, §4.6); the ad-account API states neither. */
export const KAKAO_CURRENCY = 'KRW';
export const KAKAO_TIME_ZONE = 'Asia/Seoul';

/** `start`/`end` may span at most 31 days (docs: developers.kakao.com/docs/latest/ko/kakaomoment/report). */
export const KAKAO_REPORT_MAX_DAYS = 31;

/** Campaign ids per report call. Unverified: the community PHP client batches 20 ids per call. */
export const KAKAO_REPORT_CAMPAIGN_BATCH = 20;

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

/** `extras.detailCode` values for objects that are gone (community client: deleted campaign/ad group/creative). */
export const KAKAO_DELETED_DETAIL_CODES: ReadonlySet<number> = new Set([31001, 32026, 33003]);

/** `extras.detailCode` 9004 "권한이 없습니다." with -813 on a foreign ad account (devtalk.kakao.com). Unverified. */
export const KAKAO_NO_PERMISSION_DETAIL_CODE = 9004;
