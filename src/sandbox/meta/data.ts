import { addDays, daysBetween, type IsoDate } from '../../domain/dates';
import { MICROS_PER_UNIT, metaCurrencyOffset } from '../../domain/money';
import { createRng, hashSeed, logNormal } from '../rng';
import type { SandboxMetaAccount } from '../world';

/**
 * Deterministic Meta data for the sandbox. Everything is derived from (seed, account, campaign, date), so the
 * sandbox is its own ground truth: tests compare stored rows with these functions.
 */

export interface SandboxCampaign {
  id: string;
  name: string;
  status: 'ACTIVE' | 'PAUSED';
  objective: string;
  /** Minor units (Meta budget convention); null when the budget lives on the ad sets (no CBO). */
  dailyBudgetMinor: bigint | null;
  startDate: IsoDate;
  /** Last day with delivery for paused campaigns. */
  stopDate: IsoDate | null;
  spendScale: number;
  quality: number;
  ctr: number;
}

/** Final (settled) values of one campaign-day, all money in minor units of the account currency. */
export interface CampaignDay {
  spendMinor: bigint;
  impressions: number;
  clicks: number;
  purchases: number;
  purchaseValueMinor: bigint;
}

const OBJECTIVES = ['OUTCOME_SALES', 'OUTCOME_TRAFFIC', 'OUTCOME_AWARENESS', 'OUTCOME_LEADS'];
const THEMES = ['AlwaysOn', 'Retargeting', 'Prospecting', 'BrandAwareness', 'Promo', 'Catalog', 'Video', 'Lookalike'];

export function metaCampaigns(seed: number, account: SandboxMetaAccount): SandboxCampaign[] {
  const accountDigits = account.id.slice(4).padStart(9, '0').slice(-9);
  return Array.from({ length: account.campaigns }, (_, index) => {
    const rng = createRng(hashSeed(seed, account.id, 'campaign', index));
    const startDate = addDays('2024-01-01', Math.floor(rng() * 960));
    const paused = rng() < 0.15;
    const stopDate = paused ? addDays(startDate, 30 + Math.floor(rng() * 300)) : null;
    const spendScale = logNormal(rng, 0.6);
    const usesCampaignBudget = rng() < 0.8;
    const offset = metaCurrencyOffset(account.currency);
    const budgetMajor = Math.max(1, Math.round(account.medianDailySpend * spendScale * 1.3));
    return {
      id: `120${accountDigits}${String(index + 1).padStart(6, '0')}`,
      name: `${account.currency === 'KRW' ? 'KR' : 'GL'}_${THEMES[index % THEMES.length]}_${String(index + 1).padStart(2, '0')}`,
      status: paused ? 'PAUSED' : 'ACTIVE',
      objective: OBJECTIVES[Math.floor(rng() * OBJECTIVES.length)] ?? 'OUTCOME_SALES',
      dailyBudgetMinor: usesCampaignBudget ? BigInt(budgetMajor) * offset : null,
      startDate,
      stopDate,
      spendScale,
      quality: logNormal(rng, 0.8),
      ctr: 0.005 + rng() * 0.025,
    };
  });
}

/** Settled values for a campaign-day, or null when the campaign did not deliver (Meta then omits the row). */
export function metaCampaignDay(
  seed: number,
  account: SandboxMetaAccount,
  campaign: SandboxCampaign,
  date: IsoDate,
): CampaignDay | null {
  if (date < campaign.startDate || (campaign.stopDate !== null && date > campaign.stopDate)) return null;
  const rng = createRng(hashSeed(seed, account.id, campaign.id, date));
  if (rng() < 0.03) return null; // a day without delivery now and then
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const seasonality = weekday === 0 || weekday === 6 ? 0.85 : 1.05;
  const offset = Number(metaCurrencyOffset(account.currency));
  const spendMajor = account.medianDailySpend * campaign.spendScale * seasonality * (0.85 + rng() * 0.3);
  const spendMinor = BigInt(Math.max(1, Math.round(spendMajor * offset)));
  const cpmMajor = account.medianDailySpend * 0.04 * (0.7 + rng() * 0.6);
  const impressions = Math.max(1, Math.round((spendMajor / cpmMajor) * 1000));
  const clicks = Math.round(impressions * campaign.ctr * (0.8 + rng() * 0.4));
  const cvr = Math.min(0.5, 0.03 * campaign.quality * (0.7 + rng() * 0.6));
  const purchases = Math.round(clicks * cvr);
  const aovMajor = account.medianDailySpend * 0.2 * (0.8 + rng() * 0.4);
  const purchaseValueMinor = BigInt(Math.round(purchases * aovMajor * offset));
  return { spendMinor, impressions, clicks, purchases, purchaseValueMinor };
}

/**
 * What Meta reports for a day when asked on `today` (account zone): conversions keep arriving for the restatement
 * window (Meta freezes insights after 28 days; Airbyte insights_lookback_window), so recent days are restated on
 * later pulls. Today itself is absent: the sandbox only serves closed days.
 */
export function metaReportedDay(settled: CampaignDay, date: IsoDate, today: IsoDate, windowDays: number): CampaignDay {
  const age = daysBetween(date, today);
  if (age >= windowDays) return settled;
  const share = 0.7 + (0.3 * Math.max(0, age)) / windowDays;
  const purchases = Math.floor(settled.purchases * share);
  const purchaseValueMinor =
    settled.purchases === 0 ? 0n : (settled.purchaseValueMinor * BigInt(purchases)) / BigInt(settled.purchases);
  return { ...settled, purchases, purchaseValueMinor };
}

export function minorToMicros(minor: bigint, currency: string): bigint {
  return (minor * MICROS_PER_UNIT) / metaCurrencyOffset(currency);
}
