import { catalogOf, sandboxModule } from '../../../sandbox/module-kit';
import { metaAdSets, metaCampaignDay, metaCampaigns, metaDelivery } from './data';
import { metaPaths } from './lookup';
import { handleMeta } from './routes';

export const metaSandbox = sandboxModule({
  createHandler(state) {
    const index = metaPaths(state);
    return (req, res, url, segments, fault) => handleMeta(req, res, url, segments, state, index, fault);
  },
  account: (world, accountId) => world.meta.accounts.find((a) => a.id === accountId),
  accountNoun: 'Meta account',
  delivery: metaDelivery,
  catalog: (seed, account) => catalogOf(metaCampaigns(seed, account), (c) => metaAdSets(seed, account, c)),
  // The same function the insights edge formats (insights.ts).
  servedDay: metaCampaignDay,
});
