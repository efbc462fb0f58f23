import type { IsoDate } from '../../domain/dates';
import { MICROS_PER_UNIT } from '../../domain/money';
import { KAKAO_CAMPAIGN_DIMENSION, KAKAO_METRIC_FIELDS as F } from '../../platforms/kakao/wire';
import type { CampaignDay, SandboxAccount } from '../generator';
import type { KakaoSandboxCampaign } from './data';

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
 * One campaign-day of `/campaigns/report?timeUnit=DAY`, shaped like the reference's sample (§4.3): ISO dates, the
 * campaign id as a string dimension, numbers for every metric, money in KRW. Null when no requested group applies
 * (a display campaign asked for message metrics has no data; not an error).
 */
export function formatReportRow(
  campaign: KakaoSandboxCampaign,
  date: IsoDate,
  day: CampaignDay,
  groups: ReadonlySet<string>,
): Record<string, unknown> | null {
  const metrics: Record<string, number> = {};
  if (groups.has('BASIC')) {
    metrics[F.impressions] = day.impressions;
    metrics[F.clicks] = day.clicks;
    metrics[F.ctr] = Math.round((day.clicks / day.impressions) * 10_000) / 100;
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
  return { start: date, end: date, dimensions: { [KAKAO_CAMPAIGN_DIMENSION]: String(campaign.id) }, metrics };
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
