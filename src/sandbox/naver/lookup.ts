import type { SandboxAccount } from '../generator';
import type { SandboxState } from '../state';
import { naverCampaigns, type NaverSandboxCampaign } from './data';

/** Per-sandbox lookup tables: campaigns per customer and the owner of every campaign id. */
export function naverIndex(state: SandboxState) {
  const accounts = state.world.naver?.accounts ?? [];
  const campaigns = new Map<string, NaverSandboxCampaign[]>(
    accounts.map((a) => [a.id, naverCampaigns(state.world.seed, a)]),
  );
  const owner = new Map<string, SandboxAccount>();
  for (const account of accounts) for (const c of campaigns.get(account.id) ?? []) owner.set(c.id, account);
  return {
    campaignsOf: (account: SandboxAccount) => campaigns.get(account.id) ?? [],
    ownerOf: (campaignId: string) => owner.get(campaignId),
  };
}

export type NaverIndex = ReturnType<typeof naverIndex>;

/**
 * Current budget in Naver's unit (whole KRW). Budgets set through PUT live in state.budgets; 0n there means
 * useDailyBudget=false, which is how Naver itself represents "unset" (dailyBudget 0, Campaign definition).
 */
export function currentBudgetWon(state: SandboxState, campaign: NaverSandboxCampaign): bigint | null {
  const set = state.budgets.get(campaign.id);
  if (set === undefined) return campaign.dailyBudgetWon;
  return set === 0n ? null : set;
}
