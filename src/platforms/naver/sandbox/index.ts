import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import type { SandboxWorld } from '../../../sandbox/world';
import { naverAdgroups } from './adgroup-data';
import { naverCampaigns } from './data';
import { naverCampaignDay, naverDelivery } from './delivery';
import { naverIndex } from './lookup';
import { handleNaver } from './routes';

/**
 * Naver Search Ad (검색광고 API) under /naver: HMAC-signed requests, GET /ncc/campaigns, GET /ncc/adgroups,
 * GET /stats (daily per campaign or ad group), PUT /ncc/campaigns/{id}?fields=budget,
 * PUT /ncc/adgroups/{id}?fields=budget.
 * Reference: ad-platform-apis.md §3.
 */
export const naverSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = naverIndex(state);
    return (req, res, url, segments, fault) => handleNaver(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now, history) {
    const account = naverAccount(world, accountId);
    const { seed } = world;
    const model = naverDelivery(seed, account, history);
    const campaigns = naverCampaigns(seed, account).map((c) => ({ ...c, adgroups: naverAdgroups(seed, account, c) }));
    // The same function the /stats handler serves from, asked at `now`.
    const rows = closedDayTruth(account, campaigns, from, to, now, (campaign, date) => {
      const served = naverCampaignDay(model, campaign, campaign.adgroups, date, now);
      if (!served) return null;
      const adSets = served.adSets.map(({ adSet, day }) => ({ id: adSet.id, name: adSet.name, day }));
      return { day: served.day, adSets };
    });
    return rows.sort((a, b) => a.date.localeCompare(b.date) || a.entityId.localeCompare(b.entityId));
  },
  delivery(world, accountId, history) {
    return naverDelivery(world.seed, naverAccount(world, accountId), history);
  },
};

function naverAccount(world: SandboxWorld, accountId: string) {
  const account = world.naver?.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`sandbox world has no Naver customer ${accountId}`);
  return account;
}
