import { reportedCampaignDay } from '../generator';
import type { SandboxPlatformModule } from '../platform-module';
import { closedDayTruth } from '../truth-builder';
import { META_RESTATEMENT, metaCampaigns } from './data';
import { handleMeta, metaPaths } from './routes';

export const metaSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = metaPaths(state);
    return (req, res, url, segments, fault) => handleMeta(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.meta.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no Meta account ${accountId}`);
    return closedDayTruth(account, metaCampaigns(world.seed, account), from, to, now, (campaign, date) =>
      reportedCampaignDay(world.seed, 'meta', account, campaign, date, now, META_RESTATEMENT),
    );
  },
};
