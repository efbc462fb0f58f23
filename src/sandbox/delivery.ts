import type { IsoDate } from '../domain/dates';
import type { MaturityRule } from '../domain/maturity';
import { currencyDecimals, MICROS_PER_UNIT } from '../domain/money';
import { apportionReported, splitCampaignDay, splitDayByShares, type GeneratedAdSet } from './ad-sets';
import { budgetTimeline, type BudgetTimeline } from './budget-timeline';
import { majorToMicros, reportedDay, type CampaignDay, type SandboxAccount } from './generator';
import { holderCurve, type BudgetHolder } from './holder-curve';
import { createRng, hashSeed } from './rng';
import type { BudgetHistory } from './state';

/**
 * How sandbox spend answers budgets. Every day each budget holder (a CBO campaign, an ABO ad set, a Google campaign
 * budget) spends its budget IN FORCE that day times a utilisation (seasonality, noise, rarely a spike), capped at the
 * platform's overspend factor; conversions follow the holder's hidden concave curve (holder-curve.ts). A holder's
 * day is then split down to campaigns and ad sets exactly, so campaign rows are always the sum of their ad set rows.
 */

export interface DeliveryAdSet extends GeneratedAdSet {
  id: string;
  /** Set when the ad set holds its own budget (ABO); null when its campaign's holder pays. */
  holder: BudgetHolder | null;
}

export interface DeliveryCampaign {
  id: string;
  index: number;
  startDate: IsoDate;
  stopDate: IsoDate | null;
  /** The holder paying for the whole campaign (CBO, a Google campaign budget); null when its ad sets hold budgets. */
  holder: BudgetHolder | null;
  /** Share of a holder shared with other campaigns (Google shared budgets). */
  weight: number;
  adSets: DeliveryAdSet[];
}

/** One platform account's delivery: its campaigns and budget rules, with the budgets in force from the mutation log. */
export interface DeliveryModel {
  seed: number;
  platform: string;
  account: SandboxAccount;
  /** Most a day may spend, as a multiple of the daily budget in force (Google 2, Meta and TikTok 1.25, else 1). */
  overspendFactor: number;
  /** Naver, Kakao: a budget set at the level that does not hold the budget caps spend too (campaign caps ad groups). */
  stackedCaps: boolean;
  timeline: BudgetTimeline;
  campaigns: DeliveryCampaign[];
}

/** A platform's delivery rules: its overspend factor, whether caps stack, and the zone its budget days are in. */
export interface DeliveryRules {
  overspendFactor: number;
  stackedCaps: boolean;
  /** The zone budget days change in; the account's own by default. */
  timeZone?: string;
}

/** One account's delivery model: its campaigns under `rules`, with `history`'s budgets in force. */
export function deliveryModel(
  seed: number,
  platform: string,
  account: SandboxAccount,
  history: BudgetHistory,
  rules: DeliveryRules,
  campaigns: DeliveryCampaign[],
): DeliveryModel {
  return {
    seed,
    platform,
    account,
    overspendFactor: rules.overspendFactor,
    stackedCaps: rules.stackedCaps,
    timeline: budgetTimeline(history, platform, account.id, rules.timeZone ?? account.timeZone),
    campaigns,
  };
}

/** A campaign-day as served: the campaign's reported day and its ad sets' parts (null = no row), in ad set order. */
export interface CampaignDelivery {
  day: CampaignDay;
  adSets: Array<CampaignDay | null>;
}

/** The budget a holder spends against on `date`: micros, or null for no daily limit. */
export function budgetInForce(model: DeliveryModel, holder: BudgetHolder, date: IsoDate): bigint | null {
  const changed = model.timeline.inForce(holder.id, date);
  return changed === undefined ? holder.generatedBudgetMicros : changed;
}

/** Every budget holder of the account, once each (a shared Google budget pays for several campaigns). */
export function budgetHolders(model: DeliveryModel): BudgetHolder[] {
  const holders = new Map<string, BudgetHolder>();
  for (const campaign of model.campaigns) {
    if (campaign.holder) holders.set(campaign.holder.id, campaign.holder);
    for (const adSet of campaign.adSets) if (adSet.holder) holders.set(adSet.holder.id, adSet.holder);
  }
  return [...holders.values()];
}

const isLive = (c: Pick<DeliveryCampaign, 'startDate' | 'stopDate'>, date: IsoDate) =>
  date >= c.startDate && (c.stopDate === null || date <= c.stopDate);

/**
 * The daily noise of delivery, drawn per (seed, platform, account, holder, date) and never from a shared stream, so a
 * day's draws are the same whatever the budgets and whatever order days are asked in. Uniform draws are `min` plus a
 * share of `width`. Exported so expected-response.ts can take expectations over exactly these distributions.
 */
export const DELIVERY_NOISE = {
  /** Share of days a holder does not deliver at all. */
  darkShare: 0.03,
  /** Multiplies the holder's utilisation of its budget. */
  utilisation: { min: 0.85, width: 0.3 },
  spikeShare: 0.05,
  /** A hot day's extra multiplier on utilisation. */
  spike: { min: 1.3, width: 0.8 },
  /** Multiplies the curve's expected conversions (mean 1). */
  conversions: { min: 0.8, width: 0.4 },
  /** Multiplies the average order value (mean 1). */
  orderValue: { min: 0.9, width: 0.2 },
} as const;

export interface UniformRange {
  min: number;
  width: number;
}

const draw = (rng: () => number, range: UniformRange) => range.min + rng() * range.width;

/** Weekends deliver less of the budget than weekdays. */
export function seasonalityOn(date: IsoDate): number {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0.85 : 1.05;
}

/**
 * What a holder delivers on `date` (settled values), or null on a dark day. Every random draw happens whatever the
 * budget, so a budget change moves spend in proportion and leaves the noise alone.
 */
export function holderDay(model: DeliveryModel, holder: BudgetHolder, date: IsoDate): CampaignDay | null {
  const { account } = model;
  const curve = holderCurve(model.seed, model.platform, account, holder);
  const rng = createRng(hashSeed(model.seed, model.platform, account.id, 'holder-day', holder.id, date));
  const dark = rng() < DELIVERY_NOISE.darkShare;
  const seasonality = seasonalityOn(date);
  const noise = draw(rng, DELIVERY_NOISE.utilisation);
  // Now and then delivery runs hot (a good auction day): the platform's overspend allowance is what stops it.
  const spike = rng() < DELIVERY_NOISE.spikeShare ? draw(rng, DELIVERY_NOISE.spike) : 1;
  const cpmMajor = curve.cpmMajor * (0.7 + rng() * 0.6);
  const ctrNoise = 0.8 + rng() * 0.4;
  const conversionNoise = draw(rng, DELIVERY_NOISE.conversions);
  const aovNoise = draw(rng, DELIVERY_NOISE.orderValue);
  if (dark) return null;

  const unitsPerMajor = 10 ** currencyDecimals(account.currency);
  const budget = budgetInForce(model, holder, date);
  const utilisation = curve.utilisation * seasonality * noise * spike;
  // No daily limit (Naver useDailyBudget=false): the holder spends what its demand brings, as at its generated budget.
  const spendMinor =
    budget === null
      ? Math.floor((Number(holder.generatedBudgetMicros) / 1e6) * unitsPerMajor * utilisation)
      : Math.floor((Number(budget) / 1e6) * unitsPerMajor * Math.min(utilisation, model.overspendFactor));
  if (spendMinor <= 0) return null;
  const spendMajor = spendMinor / unitsPerMajor;
  const impressions = Math.max(1, Math.round((spendMajor / cpmMajor) * 1000));
  const clicks = Math.min(impressions, Math.round(impressions * curve.ctr * ctrNoise));
  const conversions = Math.min(clicks, Math.round(curve.a * spendMajor ** curve.b * conversionNoise));
  const aovMajor = (Number(curve.aovMicros) / 1e6) * aovNoise;
  return {
    spendMicros: (BigInt(spendMinor) * MICROS_PER_UNIT) / BigInt(unitsPerMajor),
    impressions,
    clicks,
    conversions,
    conversionValueMicros: majorToMicros(conversions * aovMajor, account.currency),
  };
}

/** The settled ad set parts of a campaign-day (null = nothing), or null when the campaign does not run that day. */
function settledParts(model: DeliveryModel, campaign: DeliveryCampaign, date: IsoDate): Array<CampaignDay | null> {
  if (!isLive(campaign, date)) return [];
  const { holder } = campaign;
  if (!holder) {
    const parts = campaign.adSets.map((adSet) => (adSet.holder ? holderDay(model, adSet.holder, date) : null));
    return model.stackedCaps ? capTotal(model, campaign, date, parts) : parts;
  }
  let day = holderDay(model, holder, date);
  if (!day) return [];
  const sharing = model.campaigns.filter((c) => c.holder?.id === holder.id);
  if (sharing.length > 1) {
    // A shared budget's day goes to the campaigns running that day, by weight moving a little from day to day.
    const rng = createRng(hashSeed(model.seed, model.platform, model.account.id, 'shared', holder.id, date));
    const shares = sharing.map((c) => (isLive(c, date) ? c.weight * (0.7 + rng() * 0.6) : 0));
    day = splitDayByShares(day, shares, model.account.currency)[sharing.indexOf(campaign)] ?? null;
    if (!day) return [];
  }
  const parts = splitCampaignDay(model.seed, model.platform, model.account, campaign.adSets, date, day);
  return model.stackedCaps ? capEach(model, campaign, date, parts) : parts;
}

/** Naver and Kakao stop an ad group at its own budget even when its campaign holds the budget that pays. */
function capEach(model: DeliveryModel, campaign: DeliveryCampaign, date: IsoDate, parts: Array<CampaignDay | null>) {
  return parts.map((part, i) => {
    const own = model.timeline.inForce((campaign.adSets[i] as DeliveryAdSet).id, date);
    return part && own ? scaleDown(part, own, model.account.currency) : part;
  });
}

/** Naver and Kakao: a campaign budget caps the sum of its ad groups, each under its own cap (Naver FAQ 141). */
function capTotal(model: DeliveryModel, campaign: DeliveryCampaign, date: IsoDate, parts: Array<CampaignDay | null>) {
  const cap = model.timeline.inForce(campaign.id, date);
  const total = parts.reduce((sum, p) => sum + (p?.spendMicros ?? 0n), 0n);
  if (!cap || total <= cap) return parts;
  // Each part keeps the same fraction of its spend; floors keep the sum under the cap.
  return parts.map((part) => (part ? scaleDown(part, (part.spendMicros * cap) / total, model.account.currency) : part));
}

/** A day cut to a spend cap: every count scaled by the same ratio, rounded down (a cap, never more than before). */
function scaleDown(day: CampaignDay, capMicros: bigint, currency: string): CampaignDay | null {
  if (day.spendMicros <= capMicros) return day;
  const unit = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
  const spendMicros = (capMicros / unit) * unit;
  const ratio = Number(spendMicros) / Number(day.spendMicros);
  const conversions = Math.floor(day.conversions * ratio);
  const value =
    day.conversions === 0 ? 0n : (day.conversionValueMicros * BigInt(conversions)) / BigInt(day.conversions);
  const scaled = {
    spendMicros,
    impressions: Math.floor(day.impressions * ratio),
    clicks: Math.floor(day.clicks * ratio),
    conversions,
    conversionValueMicros: (value / unit) * unit,
  };
  return scaled.spendMicros === 0n && scaled.impressions === 0 ? null : scaled;
}

/**
 * A campaign-day as the platform serves it at `now`: the sum of its settled ad set parts, restated (reportedDay), and
 * that restated day apportioned back over the parts, so ad set rows sum exactly to the campaign row. Null when the
 * campaign did not deliver.
 */
export function campaignDelivery(
  model: DeliveryModel,
  campaign: DeliveryCampaign,
  date: IsoDate,
  now: Date,
  rule: MaturityRule,
): CampaignDelivery | null {
  const parts = settledParts(model, campaign, date);
  const present = parts.filter((p): p is CampaignDay => p !== null);
  if (present.length === 0) return null;
  const settled = present.reduce((sum, p) => ({
    spendMicros: sum.spendMicros + p.spendMicros,
    impressions: sum.impressions + p.impressions,
    clicks: sum.clicks + p.clicks,
    conversions: sum.conversions + p.conversions,
    conversionValueMicros: sum.conversionValueMicros + p.conversionValueMicros,
  }));
  const day = reportedDay(settled, date, now, model.account, rule);
  const padded = campaign.adSets.map((_, i) => parts[i] ?? null);
  return { day, adSets: apportionReported(day, padded, model.account.currency) };
}

/**
 * The usual structure: a campaign with a generated budget holds it (CBO), else each of its ad sets holds its own
 * (ABO). Google's campaign budgets are built by its own module.
 */
export function ownBudgetCampaign(
  campaign: {
    id: string;
    index: number;
    startDate: IsoDate;
    stopDate: IsoDate | null;
    dailyBudgetMicros: bigint | null;
  },
  adSets: Array<GeneratedAdSet & { id: string }>,
): DeliveryCampaign {
  const holder: BudgetHolder | null =
    campaign.dailyBudgetMicros === null
      ? null
      : {
          id: campaign.id,
          level: 'campaign',
          entityIds: [campaign.id],
          generatedBudgetMicros: campaign.dailyBudgetMicros,
        };
  return {
    id: campaign.id,
    index: campaign.index,
    startDate: campaign.startDate,
    stopDate: campaign.stopDate,
    holder,
    weight: 1,
    adSets: adSets.map((adSet) => ({
      ...adSet,
      holder:
        holder || adSet.dailyBudgetMicros === null
          ? null
          : { id: adSet.id, level: 'adset', entityIds: [adSet.id], generatedBudgetMicros: adSet.dailyBudgetMicros },
    })),
  };
}

/** A campaign-day served with the platform's own ad set objects beside their parts (ad sets without a row left out). */
export function servedCampaignDay<A>(
  model: DeliveryModel,
  campaignIndex: number,
  adSets: readonly A[],
  date: IsoDate,
  now: Date,
  rule: MaturityRule,
): { day: CampaignDay; adSets: Array<{ adSet: A; day: CampaignDay }> } | null {
  const campaign = model.campaigns[campaignIndex];
  if (!campaign) throw new Error(`sandbox delivery has no campaign #${campaignIndex} in ${model.account.id}`);
  const served = campaignDelivery(model, campaign, date, now, rule);
  if (!served) return null;
  return {
    day: served.day,
    adSets: adSets.flatMap((adSet, i) => {
      const day = served.adSets[i];
      return day ? [{ adSet, day }] : [];
    }),
  };
}

/**
 * A platform's served-day function: servedCampaignDay under the platform's restatement rule, taking its own campaign
 * and ad set objects (the same function its report endpoint formats and its truth uses).
 */
export function servedDayUnder<C extends { index: number }, A>(rule: MaturityRule) {
  return (model: DeliveryModel, campaign: C, adSets: readonly A[], date: IsoDate, now: Date) =>
    servedCampaignDay(model, campaign.index, adSets, date, now, rule);
}
