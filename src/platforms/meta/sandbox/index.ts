import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import type { SandboxWorld } from '../../../sandbox/world';
import { metaAdSets, metaCampaignDay, metaCampaigns, metaDelivery } from './data';
import { metaPaths } from './lookup';
import { handleMeta } from './routes';

export const metaSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = metaPaths(state);
    return (req, res, url, segments, fault) => handleMeta(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now, history) {
    const account = metaAccount(world, accountId);
    const model = metaDelivery(world.seed, account, history);
    const campaigns = metaCampaigns(world.seed, account).map((c) => ({
      ...c,
      adSets: metaAdSets(world.seed, account, c),
    }));
    // The same function the insights edge formats (insights.ts).
    return closedDayTruth(account, campaigns, from, to, now, (campaign, date) => {
      const served = metaCampaignDay(model, campaign, campaign.adSets, date, now);
      if (!served) return null;
      const adSets = served.adSets.map(({ adSet, day }) => ({ id: adSet.id, name: adSet.name, day }));
      return { day: served.day, adSets };
    });
  },
  delivery(world, accountId, history) {
    return metaDelivery(world.seed, metaAccount(world, accountId), history);
  },
};

function metaAccount(world: SandboxWorld, accountId: string) {
  const account = world.meta.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`sandbox world has no Meta account ${accountId}`);
  return account;
}
