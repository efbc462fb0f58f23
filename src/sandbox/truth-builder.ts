import { addDays, dateInZone, type IsoDate } from '../domain/dates';
import type { CampaignDay, SandboxAccount } from './generator';
import type { TruthRow } from './platform-module';

/**
 * Ground truth over closed days only (date < today in the account's zone), one row per campaign-day the platform
 * serves; `dayOf` is the same function the platform's HTTP handler formats, so truth and responses cannot drift.
 */
export function closedDayTruth<C extends { id: string | number; name: string }>(
  account: SandboxAccount,
  campaigns: C[],
  from: IsoDate,
  to: IsoDate,
  now: Date,
  dayOf: (campaign: C, date: IsoDate) => CampaignDay | null,
): TruthRow[] {
  const today = dateInZone(now, account.timeZone);
  const rows: TruthRow[] = [];
  for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const day = dayOf(campaign, date);
      if (day)
        rows.push({
          entityId: String(campaign.id),
          entityName: campaign.name,
          date,
          currency: account.currency,
          ...day,
        });
    }
  }
  return rows;
}
