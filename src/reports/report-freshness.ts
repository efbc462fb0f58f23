import type { AccountConfig } from '../config/schema';
import type { IsoDate } from '../domain/dates';
import type { PullStateRow } from '../storage/report-store';
import type { FreshnessRow } from './model';

/**
 * Per configured account: when it was last pulled, the last day stored, and which days of the period may still
 * move: days with rows not yet mature (inside the platform's restatement window) and days after the last pulled one
 * (not stored at all; every day when the account was never pulled).
 */
export function freshnessRows(
  accounts: AccountConfig[],
  states: PullStateRow[],
  unsettled: Array<{ platform: string; accountId: string; date: IsoDate }>,
  dates: IsoDate[],
): FreshnessRow[] {
  return accounts.map((account) => {
    const state = states.find((s) => s.platform === account.platform && s.accountId === account.accountId);
    const pulledThrough = state?.pulledThrough ?? null;
    const immature = new Set(
      unsettled.filter((u) => u.platform === account.platform && u.accountId === account.accountId).map((u) => u.date),
    );
    return {
      platform: account.platform,
      accountId: account.accountId,
      accountName: account.name ?? account.accountId,
      lastPulledAt: state?.lastPulledAt?.toISOString() ?? null,
      pulledThrough,
      unsettledDays: dates.filter((d) => immature.has(d) || pulledThrough === null || d > pulledThrough),
    };
  });
}
