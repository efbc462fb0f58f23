import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { googleAdsAdGroups, type GoogleAdsAdGroup } from './ad-groups';
import { googleAdsCampaigns, type GoogleAdsCampaign } from './data';

export interface BudgetEntry {
  account: SandboxAccount;
  resourceName: string;
  /** Campaigns attached to this budget (several when explicitly shared). */
  campaigns: GoogleAdsCampaign[];
  initialMicros: bigint;
}

/** Accounts, campaigns, their ad groups and budgets of the sandbox's Google Ads world, computed once per server. */
export function googleAdsIndex(state: SandboxState) {
  const world = state.world.google_ads;
  const accounts = new Map((world?.accounts ?? []).map((a) => [a.id, a]));
  const campaigns = new Map<string, GoogleAdsCampaign[]>();
  const budgets = new Map<string, BudgetEntry>();
  /** Keyed by campaign resource name. */
  const adGroups = new Map<string, GoogleAdsAdGroup[]>();
  for (const account of accounts.values()) {
    const list = googleAdsCampaigns(state.world.seed, account);
    campaigns.set(account.id, list);
    for (const c of list) {
      adGroups.set(c.resourceName, googleAdsAdGroups(state.world.seed, account, c));
      const entry = budgets.get(c.budgetResourceName) ?? {
        account,
        resourceName: c.budgetResourceName,
        campaigns: [],
        initialMicros: c.budgetMicros,
      };
      entry.campaigns.push(c);
      budgets.set(c.budgetResourceName, entry);
    }
  }
  return {
    world,
    accounts,
    campaignsOf: (account: SandboxAccount) => campaigns.get(account.id) ?? [],
    adGroupsOf: (campaign: GoogleAdsCampaign) => adGroups.get(campaign.resourceName) ?? [],
    budgets,
    /** amount_micros now: the last mutation (state.budgets, keyed by budget resource name) or the initial amount. */
    budgetMicros: (resourceName: string) =>
      state.budgets.get(resourceName) ?? budgets.get(resourceName)?.initialMicros ?? 0n,
  };
}

export type GoogleAdsIndex = ReturnType<typeof googleAdsIndex>;
