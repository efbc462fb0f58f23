import type { SandboxPlatformModule, TruthRow } from '../platform-module';
import { naverCampaigns } from './data';
import { naverIndex } from './lookup';
import { handleNaver } from './routes';
import { reportedDays } from './stats';

/**
 * Naver Search Ad (검색광고 API) under /naver: HMAC-signed requests, GET /ncc/campaigns, GET /stats (daily per
 * campaign), PUT /ncc/campaigns/{id}?fields=budget. Reference: ad-platform-apis.md §3.
 */
export const naverSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = naverIndex(state);
    return (req, res, url, segments, fault) => handleNaver(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.naver?.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no Naver customer ${accountId}`);
    const rows: TruthRow[] = [];
    for (const campaign of naverCampaigns(world.seed, account)) {
      // The same function the /stats handler serves from, asked at `now`.
      for (const { date, day } of reportedDays(world.seed, now, account, campaign, from, to)) {
        rows.push({ entityId: campaign.id, entityName: campaign.name, date, currency: account.currency, ...day });
      }
    }
    return rows.sort((a, b) => a.date.localeCompare(b.date) || a.entityId.localeCompare(b.entityId));
  },
};
