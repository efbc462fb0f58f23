import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import type { SandboxWorld } from '../../../sandbox/world';
import { googleAdsAdGroups } from './ad-groups';
import { googleAdsCampaigns } from './data';
import { googleAdsDelivery, googleAdsServedDay } from './delivery';
import { handleGoogleAds } from './routes';
import { googleAdsIndex } from './world-index';

/** Google Ads API (REST) stand-in: googleAds:search / :searchStream with GAQL, campaignBudgets:mutate. */
export const googleAdsSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = googleAdsIndex(state);
    return (req, res, _url, segments, fault) => handleGoogleAds(req, res, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now, history) {
    const account = googleAdsAccount(world, accountId);
    const { seed } = world;
    const model = googleAdsDelivery(seed, account, history);
    const campaigns = googleAdsCampaigns(seed, account).map((c) => ({
      ...c,
      adGroups: googleAdsAdGroups(seed, account, c),
    }));
    // The same function FROM campaign and FROM ad_group rows are served from (rows.ts).
    return closedDayTruth(account, campaigns, from, to, now, (campaign, date) => {
      const served = googleAdsServedDay(model, campaign, campaign.adGroups, date, now);
      if (!served) return null;
      const adSets = served.adGroups.map(({ adGroup, day }) => ({ id: adGroup.id, name: adGroup.name, day }));
      return { day: served.day, adSets };
    });
  },
  delivery(world, accountId, history) {
    return googleAdsDelivery(world.seed, googleAdsAccount(world, accountId), history);
  },
};

function googleAdsAccount(world: SandboxWorld, accountId: string) {
  const account = world.google_ads?.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`sandbox world has no Google Ads customer ${accountId}`);
  return account;
}
