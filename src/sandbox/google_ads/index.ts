import type { SandboxPlatformModule } from '../platform-module';
import { closedDayTruth } from '../truth-builder';
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
    return closedDayTruth(account, googleAdsCampaigns(world.seed, account), from, to, now, (campaign, date) =>
      googleAdsDay(world.seed, account, campaign, date, now),
    );
  },
};
