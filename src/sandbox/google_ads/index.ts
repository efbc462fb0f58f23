import { addDays, dateInZone } from '../../domain/dates';
import type { SandboxPlatformModule, TruthRow } from '../platform-module';
import { googleAdsCampaigns, googleAdsDay } from './data';
import { handleGoogleAds } from './routes';
import { googleAdsIndex } from './world-index';

/** Google Ads API (REST) stand-in: googleAds:search / :searchStream with GAQL, campaignBudgets:mutate. */
export const googleAdsSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = googleAdsIndex(state);
    return (req, res, _url, segments, fault) => handleGoogleAds(req, res, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.google_ads?.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no Google Ads customer ${accountId}`);
    const today = dateInZone(now, account.timeZone);
    const rows: TruthRow[] = [];
    const campaigns = googleAdsCampaigns(world.seed, account);
    for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
      for (const campaign of campaigns) {
        const day = googleAdsDay(world.seed, account, campaign, date, now);
        if (!day) continue;
        rows.push({ entityId: campaign.id, entityName: campaign.name, date, currency: account.currency, ...day });
      }
    }
    return rows;
  },
};
