import type { IsoDate } from '../domain/dates';
import { currencyDecimals, MICROS_PER_UNIT } from '../domain/money';
import { majorToMicros, type CampaignDay, type GeneratedCampaign, type SandboxAccount } from './generator';
import { createRng, hashSeed, logNormal } from './rng';

/**
 * The level below a campaign (Meta ad sets, Google/Naver/Kakao ad groups, TikTok ad groups). Ad set days are the
 * campaign's reported day split across its ad sets with exact integer arithmetic, so on every platform the ad set
 * rows of a day add up to the campaign row, as they do in the real reports, and restate together with it.
 */
export interface GeneratedAdSet {
  index: number;
  campaignIndex: number;
  name: string;
  /** Relative share of the campaign's delivery; a few ad sets take most of it. */
  weight: number;
  /** Set only when the campaign has no budget of its own (Meta ABO, ad-group budgets); micros. */
  dailyBudgetMicros: bigint | null;
}

const AUDIENCES = ['Broad', 'Lookalike_1pct', 'Interest_Fashion', 'Retarget_30d', 'Keywords_Brand', 'Keywords_Generic'];

export function generateAdSets(
  seed: number,
  platform: string,
  account: SandboxAccount,
  campaign: GeneratedCampaign,
): GeneratedAdSet[] {
  const rng = createRng(hashSeed(seed, platform, account.id, 'adsets', campaign.index));
  const count = 1 + Math.floor(rng() * 3);
  const weights = Array.from({ length: count }, () => logNormal(rng, 0.7));
  const total = weights.reduce((a, b) => a + b, 0);
  const campaignBudgetMajor = Math.max(1, Math.round(account.medianDailySpend * campaign.spendScale * 1.3));
  return weights.map((weight, index) => ({
    index,
    campaignIndex: campaign.index,
    name: `${campaign.name}_${AUDIENCES[(campaign.index + index) % AUDIENCES.length]}`,
    weight,
    dailyBudgetMicros:
      campaign.dailyBudgetMicros === null
        ? majorToMicros(Math.max(1, Math.round((campaignBudgetMajor * weight) / total)), account.currency)
        : null,
  }));
}

/**
 * Splits a campaign-day across its ad sets: the shares move a little from day to day, every field is split in whole
 * units (minor currency units for money) by largest remainder, so the parts sum exactly to the campaign's numbers.
 * An ad set with nothing at all that day is null: platforms omit such rows.
 */
export function splitCampaignDay(
  seed: number,
  platform: string,
  account: SandboxAccount,
  adSets: GeneratedAdSet[],
  date: IsoDate,
  day: CampaignDay,
): Array<CampaignDay | null> {
  const first = adSets[0];
  if (!first) return [];
  const rng = createRng(hashSeed(seed, platform, account.id, 'split', first.campaignIndex, date));
  const shares = adSets.map((a) => a.weight * (0.7 + rng() * 0.6));
  return splitDayByShares(day, shares, account.currency);
}

/**
 * Splits one day by relative shares: every field in whole units (minor currency units for money) by largest
 * remainder, so the parts sum exactly to `day`. A part with nothing at all is null.
 */
export function splitDayByShares(day: CampaignDay, shares: number[], currency: string): Array<CampaignDay | null> {
  const unit = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
  const impressions = splitInteger(day.impressions, shares);
  const clicks = splitInteger(day.clicks, shares);
  // A platform never reports more clicks than impressions for an ad set; move any excess to one with room.
  for (let i = 0; i < clicks.length; i += 1) {
    let excess = (clicks[i] as number) - (impressions[i] as number);
    for (let j = 0; excess > 0 && j < clicks.length; j += 1) {
      const room = (impressions[j] as number) - (clicks[j] as number);
      const moved = Math.min(room, excess);
      if (moved > 0) {
        clicks[j] = (clicks[j] as number) + moved;
        clicks[i] = (clicks[i] as number) - moved;
        excess -= moved;
      }
    }
  }
  const conversions = splitInteger(day.conversions, shares);
  const spend = splitInteger(Number(day.spendMicros / unit), shares);
  // Revenue follows the conversions it belongs to: an ad set without conversions has no conversion value.
  const value = splitInteger(Number(day.conversionValueMicros / unit), conversions);
  return partsOf({ impressions, clicks, conversions, spend, value }, unit);
}

/**
 * Distributes a reported (restated) day over the settled parts it was summed from: spend, impressions and clicks are
 * final, so each part keeps its own; restated conversions go by the parts' settled conversions, and value by the
 * parts' settled value among those that still have conversions. The parts sum exactly to `reported`.
 */
export function apportionReported(
  reported: CampaignDay,
  settled: Array<CampaignDay | null>,
  currency: string,
): Array<CampaignDay | null> {
  const unit = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
  const of = (pick: (d: CampaignDay) => number) => settled.map((d) => (d ? pick(d) : 0));
  const impressions = splitInteger(
    reported.impressions,
    of((d) => d.impressions),
  );
  const clicks = splitInteger(
    reported.clicks,
    of((d) => d.clicks),
  );
  const spend = splitInteger(
    Number(reported.spendMicros / unit),
    of((d) => Number(d.spendMicros / unit)),
  );
  const conversions = splitInteger(
    reported.conversions,
    of((d) => d.conversions),
  );
  const valueShares = of((d) => Number(d.conversionValueMicros / unit)).map((v, i) =>
    (conversions[i] as number) > 0 ? v : 0,
  );
  const hasValueShares = valueShares.some((v) => v > 0);
  const value = splitInteger(Number(reported.conversionValueMicros / unit), hasValueShares ? valueShares : conversions);
  return partsOf({ impressions, clicks, conversions, spend, value }, unit);
}

/**
 * The parts' days from their split columns (one entry per part; spend and value in whole `unit`s). A part with nothing
 * at all is null: platforms omit such rows.
 */
function partsOf(
  split: Record<'impressions' | 'clicks' | 'conversions' | 'spend' | 'value', number[]>,
  unit: bigint,
): Array<CampaignDay | null> {
  return split.impressions.map((_, i) => {
    const part = {
      impressions: split.impressions[i] as number,
      clicks: split.clicks[i] as number,
      conversions: split.conversions[i] as number,
      spendMicros: BigInt(split.spend[i] as number) * unit,
      conversionValueMicros: BigInt(split.value[i] as number) * unit,
    };
    const empty = part.impressions === 0 && part.clicks === 0 && part.spendMicros === 0n && part.conversions === 0;
    return empty ? null : part;
  });
}

/** Largest-remainder apportionment of a non-negative integer: the parts are integers and sum to `total`. */
export function splitInteger(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (total === 0 || sum <= 0) return shares.map(() => 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) {
    const i = (order[k] as { i: number }).i;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}
