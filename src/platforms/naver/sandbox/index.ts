import { catalogOf, sandboxModule } from '../../../sandbox/module-kit';
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
export const naverSandbox = sandboxModule({
  createHandler(state) {
    const index = naverIndex(state);
    return (req, res, url, segments, fault) => handleNaver(req, res, url, segments, state, index, fault);
  },
  account: (world, accountId) => world.naver?.accounts.find((a) => a.id === accountId),
  accountNoun: 'Naver customer',
  delivery: naverDelivery,
  catalog: (seed, account) => catalogOf(naverCampaigns(seed, account), (c) => naverAdgroups(seed, account, c)),
  // The same function the /stats handler serves from, asked at `now`.
  servedDay: naverCampaignDay,
  order: (a, b) => a.date.localeCompare(b.date) || a.entityId.localeCompare(b.entityId),
});
