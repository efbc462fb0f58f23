import type { IsoDate } from '../../../domain/dates';
import type { EntityLevel } from '../../../domain/metrics';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { KAKAO_ADGROUP_PARENT_FIELD, KAKAO_METRIC_FIELDS as F, KAKAO_REPORT_LEVELS } from './api-facts';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import type { KakaoSandboxAdGroup, KakaoSandboxCampaign } from './data';

/** Metric groups Kakao documents (docs kakaomoment/report); the sandbox fills BASIC and PIXEL_CONVERSION. */
export const METRICS_GROUPS = new Set([
  'BASIC',
  'ADDITION',
  'MESSAGE',
  'MESSAGE_ADDITION',
  'MESSAGE_CLICK',
  'PLUS_FRIEND',
  'PIXEL_CONVERSION',
  'SDK_CONVERSION',
  'VIDEO',
]);

const won = (micros: bigint) => Number(micros / MICROS_PER_UNIT);

/**
 * One entity-day of `/campaigns/report` or `/adGroups/report` with `timeUnit=DAY`, shaped like the reference's sample
 * (§4.3): ISO dates, the entity id as a string dimension (`campaign_id` / `ad_group_id`), numbers for every metric,
 * money in KRW. Null when no requested group applies (a display campaign asked for message metrics has no data).
 */
export function formatReportRow(
  level: EntityLevel,
  id: number,
  date: IsoDate,
  day: CampaignDay,
  groups: ReadonlySet<string>,
): Record<string, unknown> | null {
  const metrics: Record<string, number> = {};
  if (groups.has('BASIC')) {
    metrics[F.impressions] = day.impressions;
    metrics[F.clicks] = day.clicks;
    // An ad group's share of a day can have spend but no impressions; Kakao shows a CTR of 0 then, never NaN.
    metrics[F.ctr] = day.impressions === 0 ? 0 : Math.round((day.clicks / day.impressions) * 10_000) / 100;
    metrics[F.cost] = won(day.spendMicros);
  }
  if (groups.has('PIXEL_CONVERSION')) {
    // The 1-day window sees fewer purchases than the 7-day one; the engine standardises on 7 days.
    const oneDay = Math.floor(day.conversions * 0.8);
    const value = won(day.conversionValueMicros);
    metrics[F.conversions1d] = oneDay;
    metrics[F.conversions] = day.conversions;
    metrics[F.conversionValue1d] = day.conversions === 0 ? 0 : Math.floor((value * oneDay) / day.conversions);
    metrics[F.conversionValue] = value;
  }
  if (Object.keys(metrics).length === 0) return null;
  return { start: date, end: date, dimensions: { [KAKAO_REPORT_LEVELS[level].dimension]: String(id) }, metrics };
}

export function formatCampaignSummary(campaign: KakaoSandboxCampaign): Record<string, unknown> {
  // userConfig mirrors config and is deprecated; systemConfig ON = allowed to run (docs kakaomoment/campaign).
  return {
    id: campaign.id,
    name: campaign.name,
    config: campaign.config,
    userConfig: campaign.config,
    systemConfig: 'ON',
  };
}

export function formatCampaignDetail(campaign: KakaoSandboxCampaign, budget: bigint | null): Record<string, unknown> {
  return {
    ...formatCampaignSummary(campaign),
    campaignTypeGoal: { campaignType: 'DISPLAY', goal: campaign.objective === 'SALES' ? 'CONVERSION' : 'VISITING' },
    dailyBudgetAmount: budget === null ? null : Number(budget),
    statusDescription: campaign.config === 'ON' ? '운영중' : '사용자 OFF',
  };
}

/** `GET /adGroups?campaignId=` entry: id, name, type, config, userConfig, systemConfig (docs kakaomoment/ad-group). */
export function formatAdGroupSummary(adGroup: KakaoSandboxAdGroup): Record<string, unknown> {
  return {
    id: adGroup.id,
    name: adGroup.name,
    type: 'DISPLAY',
    config: adGroup.config,
    userConfig: adGroup.config,
    systemConfig: 'ON',
  };
}

/**
 * `GET /adGroups/{id}`: the summary plus the parent campaign and `dailyBudgetAmount` in integer KRW or null for no
 * limit (reference §4.5). The parent object's shape comes from a community client (unverified, wire.ts).
 */
export function formatAdGroupDetail(
  adGroup: KakaoSandboxAdGroup,
  campaign: KakaoSandboxCampaign,
  account: SandboxAccount,
  budget: bigint | null,
): Record<string, unknown> {
  return {
    ...formatAdGroupSummary(adGroup),
    [KAKAO_ADGROUP_PARENT_FIELD]: { id: campaign.id, name: campaign.name, adAccountId: Number(account.id) },
    dailyBudgetAmount: budget === null ? null : Number(budget),
    statusDescription: campaign.config === 'ON' ? '운영중' : '캠페인 OFF',
  };
}

/** The ad-account object carries no currency or time zone: Kakao Moment is KRW/KST (reference §0). */
export function formatAdAccount(account: SandboxAccount): Record<string, unknown> {
  return { id: Number(account.id), name: account.name, memberType: 'MASTER', config: 'ON', type: 'BUSINESS' };
}

/**
 * Kakao serialises KRW amounts as doubles ("cost": 152340.0, reference §4.3): write whole amounts with ".0" so the
 * connector sees the float-looking numbers the live API sends.
 */
export function kakaoJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /"(cost|conv_purchase_p_1d|conv_purchase_p_7d)":(-?\d+)(?=[,}])/g,
    (_m, name: string, value: string) => `"${name}":${value}.0`,
  );
}
