import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import { adgroupDays, naverAdgroups } from './adgroup-data';
import { naverCampaigns } from './data';
import { naverIndex } from './lookup';
import { handleNaver } from './routes';
import { reportedDays } from './stats';

/**
 * Naver Search Ad (검색광고 API) under /naver: HMAC-signed requests, GET /ncc/campaigns, GET /ncc/adgroups,
 * GET /stats (daily per campaign or ad group), PUT /ncc/campaigns/{id}?fields=budget.
 * Reference: ad-platform-apis.md §3.
 */
export const naverSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = naverIndex(state);
    return (req, res, url, segments, fault) => handleNaver(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = world.naver?.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`sandbox world has no Naver customer ${accountId}`);
    const { seed } = world;
    const campaigns = naverCampaigns(seed, account).map((c) => ({ ...c, adgroups: naverAdgroups(seed, account, c) }));
    // The same functions the /stats handler serves from, asked at `now`: a campaign's reported day, then its split.
    const rows = closedDayTruth(
      account,
      campaigns,
      from,
      to,
      now,
      (campaign, date) => reportedDays(seed, now, account, campaign, date, date)[0]?.day ?? null,
      (campaign, date, day) =>
        adgroupDays(seed, account, campaign.adgroups, date, day).map(({ adgroup, day: part }) => ({
          id: adgroup.id,
          name: adgroup.name,
          day: part,
        })),
    );
    return rows.sort((a, b) => a.date.localeCompare(b.date) || a.entityId.localeCompare(b.entityId));
  },
};
