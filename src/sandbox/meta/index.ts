import { addDays, dateInZone } from '../../domain/dates';
import { campaignDay, reportedDay } from '../generator';
import type { SandboxPlatformModule, TruthRow } from '../platform-module';
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
    const today = dateInZone(now, account.timeZone);
    const rows: TruthRow[] = [];
    const campaigns = metaCampaigns(world.seed, account);
    for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
      for (const campaign of campaigns) {
        const settled = campaignDay(world.seed, 'meta', account, campaign, date);
        if (!settled) continue;
        rows.push({
          entityId: campaign.id,
          entityName: campaign.name,
          date,
          currency: account.currency,
          ...reportedDay(settled, date, now, account, META_RESTATEMENT),
        });
      }
    }
    return rows;
  },
};
