import { reportedCampaignDay } from '../../../sandbox/generator';
import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import { TIKTOK_RESTATEMENT, tiktokAdGroupDays, tiktokCatalog } from './data';
import { handleTiktok, tiktokIndex } from './routes';

/** TikTok API for Business under /tiktok/open_api/v1.3/..., with its ground truth at campaign and ad group level. */
export const tiktokSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = tiktokIndex(state);
    return (req, res, url, segments, fault) => handleTiktok(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.tiktok?.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no TikTok account ${accountId}`);
    const catalog = tiktokCatalog(world.seed, account);
    return closedDayTruth(
      account,
      catalog.campaigns,
      from,
      to,
      now,
      (campaign, date) => reportedCampaignDay(world.seed, 'tiktok', account, campaign, date, now, TIKTOK_RESTATEMENT),
      // The same split the report serves (report.ts), of the campaign's reported day.
      (campaign, date, day) =>
        tiktokAdGroupDays(world.seed, account, catalog.adGroupsOf(campaign), date, day).map(({ adGroup, day }) => ({
          id: adGroup.id,
          name: adGroup.name,
          day,
        })),
    );
  },
};
