/**
 * What this sandbox serves of Kakao Moment's wire format, stated here on its own rather than imported from the
 * connector (issue 7: a test where the connector reads the sandbox must prove more than that the two agree).
 * Sources: developers.kakao.com/docs/latest/ko/kakaomoment/report, ../shared/reference/ad-platform-apis.md §4, and
 * community clients where Kakao's docs show no sample ("unverified").
 */

import type { EntityLevel } from '../../../domain/metrics';

/** docs kakaomoment/report: `start`..`end` span at most 31 days. */
export const KAKAO_REPORT_MAX_DAYS = 31;

/** Report rows' metric keys (unverified: community clients read imp/click/ctr/cost and conv_purchase_{p_}{1d,7d}). */
export const KAKAO_METRIC_FIELDS = {
  impressions: 'imp',
  clicks: 'click',
  ctr: 'ctr',
  cost: 'cost',
  conversions: 'conv_purchase_7d',
  conversions1d: 'conv_purchase_1d',
  conversionValue: 'conv_purchase_p_7d',
  conversionValue1d: 'conv_purchase_p_1d',
} as const;

/**
 * Per level: id query parameter, the `dimensions` key of a row, and how many ids one call takes (docs kakaomoment/report
 * lists /campaigns/report and /adGroups/report; parameter names, dimension keys and the batch of 20 are unverified,
 * from community Java/Python/PHP clients).
 */
export const KAKAO_REPORT_LEVELS = {
  campaign: { idParam: 'campaignId', dimension: 'campaign_id', batch: 20 },
  adset: { idParam: 'adGroupId', dimension: 'ad_group_id', batch: 20 },
} as const satisfies Record<EntityLevel, { idParam: string; dimension: string; batch: number }>;

/** Ad group detail names its campaign as `{"campaign": {"id": …}}` (unverified: a community Go client). */
export const KAKAO_ADGROUP_PARENT_FIELD = 'campaign';

/** Daily budget bounds in KRW with ₩10 steps (reference §4.5 for campaigns; ad groups from a Go client, unverified). */
export const KAKAO_DAILY_BUDGET_RULES = {
  campaign: { min: 50_000, max: 1_000_000_000, step: 10 },
  adset: { min: 10_000, max: 500_000_000, step: 10 },
} as const satisfies Record<EntityLevel, { min: number; max: number; step: number }>;

/** `extras.detailCode` values (unverified: a community mock and client): budget out of range, deleted objects. */
export const KAKAO_BUDGET_DETAIL_CODE = 31011;
export const KAKAO_DELETED_CAMPAIGN_DETAIL_CODE = 31001;
export const KAKAO_DELETED_ADGROUP_DETAIL_CODE = 32026;
