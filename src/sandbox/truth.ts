import { addDays, dateInZone, type IsoDate } from '../domain/dates';
import { metaCampaignDay, metaCampaigns, metaReportedDay, minorToMicros } from './meta/data';
import { META_RESTATEMENT_DAYS } from './meta/routes';
import type { SandboxWorld } from './world';

/** What the platform holds for one campaign-day, in the engine's units (micros), for tests to compare against. */
export interface TruthRow {
  campaignId: string;
  campaignName: string;
  date: IsoDate;
  currency: string;
  impressions: number;
  clicks: number;
  spendMicros: bigint;
  conversions: number;
  conversionValueMicros: bigint;
}

/** Rows Meta would report for [from, to] when asked at `now` (closed days only, zero-delivery days absent). */
export function metaTruth(world: SandboxWorld, accountId: string, from: IsoDate, to: IsoDate, now: Date): TruthRow[] {
  const account = world.meta.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`sandbox world has no Meta account ${accountId}`);
  const today = dateInZone(now, account.timeZone);
  const rows: TruthRow[] = [];
  const campaigns = metaCampaigns(world.seed, account);
  for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const settled = metaCampaignDay(world.seed, account, campaign, date);
      if (!settled) continue;
      const day = metaReportedDay(settled, date, today, META_RESTATEMENT_DAYS);
      rows.push({
        campaignId: campaign.id,
        campaignName: campaign.name,
        date,
        currency: account.currency,
        impressions: day.impressions,
        clicks: day.clicks,
        spendMicros: minorToMicros(day.spendMinor, account.currency),
        conversions: day.purchases,
        conversionValueMicros: minorToMicros(day.purchaseValueMinor, account.currency),
      });
    }
  }
  return rows;
}
