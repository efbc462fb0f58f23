import { catalogOf, sandboxModule } from '../../../sandbox/module-kit';
import { googleAdsAdGroups } from './ad-groups';
import { googleAdsCampaigns } from './data';
import { googleAdsDelivery, googleAdsServedDay } from './delivery';
import { handleGoogleAds } from './routes';
import { googleAdsIndex } from './world-index';

/** Google Ads API (REST) stand-in: googleAds:search / :searchStream with GAQL, campaignBudgets:mutate. */
export const googleAdsSandbox = sandboxModule({
  createHandler(state) {
    const index = googleAdsIndex(state);
    return (req, res, _url, segments, fault) => handleGoogleAds(req, res, segments, state, index, fault);
  },
  account: (world, accountId) => world.google_ads?.accounts.find((a) => a.id === accountId),
  accountNoun: 'Google Ads customer',
  delivery: googleAdsDelivery,
  catalog: (seed, account) => catalogOf(googleAdsCampaigns(seed, account), (c) => googleAdsAdGroups(seed, account, c)),
  // The same function FROM campaign and FROM ad_group rows are served from (rows.ts).
  servedDay(model, campaign, adGroups, date, now) {
    const served = googleAdsServedDay(model, campaign, adGroups, date, now);
    return served && { day: served.day, adSets: served.adGroups.map(({ adGroup, day }) => ({ adSet: adGroup, day })) };
  },
});
