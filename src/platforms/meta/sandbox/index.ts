import { reportedCampaignDay } from '../../../sandbox/generator';
import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import { META_RESTATEMENT, metaAdSetDays, metaAdSets, metaCampaigns } from './data';
import { metaPaths } from './lookup';
import { handleMeta } from './routes';

export const metaSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = metaPaths(state);
    return (req, res, url, segments, fault) => handleMeta(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.meta.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no Meta account ${accountId}`);
    const campaigns = metaCampaigns(world.seed, account);
    const adSets = new Map(campaigns.map((c) => [c.id, metaAdSets(world.seed, account, c)]));
    return closedDayTruth(
      account,
      campaigns,
      from,
      to,
      now,
      (campaign, date) => reportedCampaignDay(world.seed, 'meta', account, campaign, date, now, META_RESTATEMENT),
      (campaign, date, day) =>
        metaAdSetDays(world.seed, account, adSets.get(campaign.id) ?? [], date, day).map(({ adSet, day }) => ({
          id: adSet.id,
          name: adSet.name,
          day,
        })),
    );
  },
};
