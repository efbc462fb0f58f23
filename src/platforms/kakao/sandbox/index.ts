import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import { kakaoAccount, kakaoAdGroupDays, kakaoCampaignDay, kakaoCatalog } from './data';
import { handleKakao, kakaoIndex } from './routes';

/**
 * Kakao Moment under /kakao/openapi/v4/... with its ground truth: campaign-days and ad group-days as the two report
 * endpoints serve them (the same data.ts functions the handlers format).
 */
export const kakaoSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = kakaoIndex(state);
    return (req, res, url, segments, fault) => handleKakao(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = kakaoAccount(world, accountId);
    if (!account) throw new Error(`sandbox world has no Kakao account ${accountId}`);
    const catalog = kakaoCatalog(world.seed, account);
    return closedDayTruth(
      account,
      catalog.campaigns,
      from,
      to,
      now,
      (campaign, date) => kakaoCampaignDay(world.seed, account, campaign, date, now),
      (campaign, date, day) =>
        kakaoAdGroupDays(world.seed, account, catalog.adGroupsOf(campaign), date, day).map(
          ({ adGroup, day: part }) => ({
            id: adGroup.id,
            name: adGroup.name,
            day: part,
          }),
        ),
    );
  },
};
