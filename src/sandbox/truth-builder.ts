import { addDays, dateInZone, type IsoDate } from '../domain/dates';
import type { CampaignDay, SandboxAccount } from './generator';
import type { TruthRow } from './platform-module';

/** One ad set's values for a day, as the platform serves them. */
export interface AdSetDayRow {
  id: string | number;
  name: string;
  day: CampaignDay;
}

/** A campaign-day as served, with its ad set rows (which sum to it). */
export interface CampaignDayRows {
  day: CampaignDay;
  adSets: AdSetDayRow[];
}

/**
 * Ground truth over closed days only (date < today in the account's zone), one row per campaign-day the platform
 * serves and one per ad set-day under it; `dayOf` is the same function the platform's HTTP handler formats, so truth
 * and responses cannot drift.
 */
export function closedDayTruth<C extends { id: string | number; name: string }>(
  account: SandboxAccount,
  campaigns: C[],
  from: IsoDate,
  to: IsoDate,
  now: Date,
  dayOf: (campaign: C, date: IsoDate) => CampaignDayRows | null,
): TruthRow[] {
  const today = dateInZone(now, account.timeZone);
  const rows: TruthRow[] = [];
  for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const served = dayOf(campaign, date);
      if (!served) continue;
      const { day } = served;
      rows.push({
        level: 'campaign',
        entityId: String(campaign.id),
        entityName: campaign.name,
        date,
        currency: account.currency,
        ...day,
      });
      for (const adSet of served.adSets) {
        rows.push({
          level: 'adset',
          entityId: String(adSet.id),
          campaignId: String(campaign.id),
          entityName: adSet.name,
          date,
          currency: account.currency,
          ...adSet.day,
        });
      }
    }
  }
  return rows;
}
