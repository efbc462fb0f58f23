import type { IsoDate } from '../../../domain/dates';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { createRng, hashSeed } from '../../../sandbox/rng';
import type { CampaignDay } from '../../../sandbox/generator';
import { NAVER_ADGROUP_SERVING_REASON } from './api-facts';
import type { NaverSandboxAdgroup } from './adgroup-data';
import type { NaverBudgetFields } from './budget';
import type { NaverSandboxCampaign } from './data';

/** `fields` values /stats knows (reference §3.3); anything else is rejected with 1002. */
export const STAT_FIELDS = [
  'impCnt',
  'clkCnt',
  'salesAmt',
  'ctr',
  'cpc',
  'avgRnk',
  'ccnt',
  'crto',
  'convAmt',
  'ror',
  'cpConv',
  'recentAvgRnk',
  'recentAvgCpc',
  'pcNxAvgRnk',
  'mblNxAvgRnk',
  'viewCnt',
] as const;

/** Campaign object as GET/PUT /ncc/campaigns return it (ncc-heroes-ncc.json Campaign; reference §3.2). */
export function formatCampaign(campaign: NaverSandboxCampaign, budget: NaverBudgetFields): Record<string, unknown> {
  const paused = campaign.status === 'PAUSED';
  return {
    nccCampaignId: campaign.id,
    customerId: campaign.customerId,
    name: campaign.name,
    campaignTp: campaign.campaignTp,
    userLock: paused,
    deliveryMethod: 'STANDARD',
    useDailyBudget: budget.useDailyBudget,
    // int64 KRW; 0 when unset (Campaign definition).
    dailyBudget: budget.dailyBudget,
    status: paused ? 'PAUSED' : 'ELIGIBLE',
    statusReason: paused ? 'CAMPAIGN_PAUSED' : 'ELIGIBLE',
    sharedBudgetId: null,
    regTm: campaign.regTm,
    editTm: budget.editTm,
  };
}

/**
 * Ad group object as GET /ncc/adgroups returns it (ncc-heroes-ncc.json Adgroup; java-sample model/Adgroup.java).
 * dailyBudget is int64 KRW and applies only with useDailyBudget=true; 0 when unset ("default value (0)").
 */
export function formatAdgroup(
  adgroup: NaverSandboxAdgroup,
  campaign: NaverSandboxCampaign,
  budget: NaverBudgetFields,
): Record<string, unknown> {
  // An ad group of a paused campaign does not serve although its own switch (userLock) is on.
  const paused = campaign.status === 'PAUSED';
  return {
    nccAdgroupId: adgroup.id,
    customerId: adgroup.customerId,
    nccCampaignId: adgroup.nccCampaignId,
    name: adgroup.name,
    adgroupType: adgroup.adgroupType,
    userLock: false,
    bidAmt: adgroup.bidAmt,
    useDailyBudget: budget.useDailyBudget,
    dailyBudget: budget.dailyBudget,
    budgetLock: false,
    sharedBudgetId: null,
    pcNetworkBidWeight: 100,
    mobileNetworkBidWeight: 100,
    useCntsNetworkBidAmt: false,
    status: paused ? 'PAUSED' : 'ELIGIBLE',
    statusReason: paused ? 'CAMPAIGN_PAUSED' : NAVER_ADGROUP_SERVING_REASON,
    regTm: adgroup.regTm,
    editTm: budget.editTm,
  };
}

/** What a /stats row is about: a campaign or an ad group, by id. */
export interface StatEntity {
  id: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Every metric of one campaign-day in Naver's units: counts and money as JSON integers (whole KRW, salesAmt VAT
 * included), ratios as percent doubles (DailyStatMap in ncc-report.json). Only the requested fields are returned.
 */
function allMetrics(seed: number, entity: StatEntity, date: IsoDate, day: CampaignDay) {
  const salesAmt = Number(day.spendMicros / MICROS_PER_UNIT);
  const convAmt = Number(day.conversionValueMicros / MICROS_PER_UNIT);
  const rank = 1 + createRng(hashSeed(seed, 'naver-rank', entity.id, date))() * 6;
  return {
    impCnt: day.impressions,
    clkCnt: day.clicks,
    salesAmt,
    ctr: round2((day.clicks / day.impressions) * 100),
    cpc: day.clicks > 0 ? round2(salesAmt / day.clicks) : 0,
    avgRnk: round2(rank),
    ccnt: day.conversions,
    crto: day.clicks > 0 ? round2((day.conversions / day.clicks) * 100) : 0,
    convAmt,
    ror: salesAmt > 0 ? round2((convAmt / salesAmt) * 100) : 0,
    cpConv: day.conversions > 0 ? round2(salesAmt / day.conversions) : 0,
    pcNxAvgRnk: round2(rank + 0.4),
    mblNxAvgRnk: round2(rank),
    viewCnt: Math.round(day.clicks * 0.6),
  } satisfies Partial<Record<(typeof STAT_FIELDS)[number], number>>;
}

/** One row of the daily (timeIncrement=1) form: dateStart = dateEnd = the KST day. */
export function formatDailyRow(
  seed: number,
  entity: StatEntity,
  date: IsoDate,
  day: CampaignDay,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const metrics: Record<string, number> = allMetrics(seed, entity, date, day);
  const row: Record<string, unknown> = { dateStart: date, dateEnd: date };
  // recentAvgRnk / recentAvgCpc exist only for keywords and ads (StatSample.java): absent on campaign/group rows.
  for (const field of fields) if (metrics[field] !== undefined) row[field] = metrics[field];
  return row;
}

/** Summary form (ids + allDays): one row per entity with the period's sums (reference §3.3 "Multi-id form"). */
export function formatSummaryRow(
  seed: number,
  entity: StatEntity,
  days: Array<{ date: IsoDate; day: CampaignDay }>,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const sum: CampaignDay = {
    impressions: 0,
    clicks: 0,
    spendMicros: 0n,
    conversions: 0,
    conversionValueMicros: 0n,
  };
  for (const { day } of days) {
    sum.impressions += day.impressions;
    sum.clicks += day.clicks;
    sum.spendMicros += day.spendMicros;
    sum.conversions += day.conversions;
    sum.conversionValueMicros += day.conversionValueMicros;
  }
  const metrics: Record<string, number> = allMetrics(seed, entity, days[0]?.date ?? '', sum);
  const row: Record<string, unknown> = { id: entity.id };
  for (const field of fields) if (metrics[field] !== undefined) row[field] = metrics[field];
  return row;
}
