import { addDays, dateInZone } from '../../domain/dates';
import { campaignDay, reportedDay } from '../generator';
import type { SandboxPlatformModule, TruthRow } from '../platform-module';
import { TIKTOK_RESTATEMENT, tiktokCampaigns } from './data';
import { handleTiktok, tiktokIndex } from './routes';

/** TikTok API for Business under /tiktok/open_api/v1.3/..., with its ground truth. */
export const tiktokSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = tiktokIndex(state);
    return (req, res, url, segments, fault) => handleTiktok(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.tiktok?.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no TikTok account ${accountId}`);
    const today = dateInZone(now, account.timeZone);
    const rows: TruthRow[] = [];
    const campaigns = tiktokCampaigns(world.seed, account);
    for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
      for (const campaign of campaigns) {
        const settled = campaignDay(world.seed, 'tiktok', account, campaign, date);
        if (!settled) continue;
        rows.push({
          entityId: campaign.id,
          entityName: campaign.name,
          date,
          currency: account.currency,
          ...reportedDay(settled, date, now, account, TIKTOK_RESTATEMENT),
        });
      }
    }
    return rows;
  },
};
