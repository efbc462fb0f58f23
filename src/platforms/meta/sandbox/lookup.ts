import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { metaAdSets, metaCampaigns, type SandboxAdSet, type SandboxCampaign } from './data';

export function metaPaths(state: SandboxState) {
  const accounts = new Map(state.world.meta.accounts.map((a) => [a.id, a]));
  const campaignCache = new Map<string, SandboxCampaign[]>();
  const campaignsOf = (account: SandboxAccount) => {
    let list = campaignCache.get(account.id);
    if (!list) {
      list = metaCampaigns(state.world.seed, account);
      campaignCache.set(account.id, list);
    }
    return list;
  };
  const adSetCache = new Map<string, SandboxAdSet[]>();
  const adSetsOf = (account: SandboxAccount, campaign: SandboxCampaign) => {
    let list = adSetCache.get(campaign.id);
    if (!list) {
      list = metaAdSets(state.world.seed, account, campaign);
      adSetCache.set(campaign.id, list);
    }
    return list;
  };
  /** Campaign and ad set nodes → their account; ad sets also → their campaign. */
  const campaignOwner = new Map<string, SandboxAccount>();
  const adSetNodes = new Map<string, { adSet: SandboxAdSet; campaign: SandboxCampaign }>();
  for (const account of accounts.values()) {
    for (const c of campaignsOf(account)) {
      campaignOwner.set(c.id, account);
      for (const adSet of adSetsOf(account, c)) {
        campaignOwner.set(adSet.id, account);
        adSetNodes.set(adSet.id, { adSet, campaign: c });
      }
    }
  }
  return { accounts, campaignsOf, adSetsOf, campaignOwner, adSetNodes };
}

export type MetaIndex = ReturnType<typeof metaPaths>;

/** A campaign's (CBO) or an ad set's (ABO) budget after any sandbox mutation, in minor units. */
export function currentBudget(state: SandboxState, entity: BudgetHolder): bigint | null {
  return state.budgets.get(entity.id) ?? entity.dailyBudgetMinor;
}

export type BudgetHolder = Pick<SandboxCampaign | SandboxAdSet, 'id' | 'dailyBudgetMinor'>;
