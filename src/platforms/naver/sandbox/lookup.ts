import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { naverAdgroups, type NaverSandboxAdgroup } from './adgroup-data';
import { naverCampaigns, type NaverSandboxCampaign } from './data';

export interface NaverAdgroupPlace {
  account: SandboxAccount;
  campaign: NaverSandboxCampaign;
  adgroup: NaverSandboxAdgroup;
}

/** Per-sandbox lookup tables: campaigns per customer, ad groups per campaign and the owner of every id. */
export function naverIndex(state: SandboxState) {
  const { seed } = state.world;
  const accounts = state.world.naver?.accounts ?? [];
  const campaigns = new Map<string, NaverSandboxCampaign[]>(accounts.map((a) => [a.id, naverCampaigns(seed, a)]));
  const owner = new Map<string, SandboxAccount>();
  const adgroups = new Map<string, NaverSandboxAdgroup[]>();
  const adgroupPlaces = new Map<string, NaverAdgroupPlace>();
  for (const account of accounts) {
    for (const campaign of campaigns.get(account.id) ?? []) {
      owner.set(campaign.id, account);
      const groups = naverAdgroups(seed, account, campaign);
      adgroups.set(campaign.id, groups);
      for (const adgroup of groups) adgroupPlaces.set(adgroup.id, { account, campaign, adgroup });
    }
  }
  return {
    campaignsOf: (account: SandboxAccount) => campaigns.get(account.id) ?? [],
    ownerOf: (campaignId: string) => owner.get(campaignId),
    /** The caller's own campaign with this id, else undefined (unknown and foreign look the same). */
    ownCampaign: (account: SandboxAccount, campaignId: string) =>
      owner.get(campaignId) === account ? campaigns.get(account.id)?.find((c) => c.id === campaignId) : undefined,
    adgroupsOf: (campaign: NaverSandboxCampaign) => adgroups.get(campaign.id) ?? [],
    /** The caller's own ad group with its campaign, else undefined. */
    ownAdgroup: (account: SandboxAccount, adgroupId: string) => {
      const place = adgroupPlaces.get(adgroupId);
      return place?.account === account ? place : undefined;
    },
  };
}

export type NaverIndex = ReturnType<typeof naverIndex>;
