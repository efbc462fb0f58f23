import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import { googleAdsAdGroupDays, googleAdsAdGroups } from './ad-groups';
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
    const { seed } = world;
    // The same functions FROM campaign and FROM ad_group rows are served from (rows.ts).
    return closedDayTruth(
      account,
      googleAdsCampaigns(seed, account),
      from,
      to,
      now,
      (campaign, date) => googleAdsDay(seed, account, campaign, date, now),
      (campaign, date) =>
        googleAdsAdGroupDays(seed, account, campaign, googleAdsAdGroups(seed, account, campaign), date, now).map(
          ({ adGroup, day }) => ({ id: adGroup.id, name: adGroup.name, day }),
        ),
    );
  },
};
