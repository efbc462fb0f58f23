import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import type { SandboxWorld } from '../../../sandbox/world';
import { kakaoAccount, kakaoCatalog, kakaoDelivery, kakaoServedDay } from './data';
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
  truth(world, accountId, from, to, now, history) {
    const account = requireAccount(world, accountId);
    const catalog = kakaoCatalog(world.seed, account);
    const model = kakaoDelivery(world.seed, account, history);
    return closedDayTruth(account, catalog.campaigns, from, to, now, (campaign, date) => {
      const served = kakaoServedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
      if (!served) return null;
      const adSets = served.adSets.map(({ adSet, day }) => ({ id: adSet.id, name: adSet.name, day }));
      return { day: served.day, adSets };
    });
  },
  delivery(world, accountId, history) {
    return kakaoDelivery(world.seed, requireAccount(world, accountId), history);
  },
};

function requireAccount(world: SandboxWorld, accountId: string) {
  const account = kakaoAccount(world, accountId);
  if (!account) throw new Error(`sandbox world has no Kakao account ${accountId}`);
  return account;
}
