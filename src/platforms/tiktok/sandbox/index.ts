import type { SandboxPlatformModule } from '../../../sandbox/platform-module';
import { closedDayTruth } from '../../../sandbox/truth-builder';
import type { SandboxWorld } from '../../../sandbox/world';
import { tiktokCatalog, tiktokDelivery, tiktokServedDay } from './data';
import { handleTiktok, tiktokIndex } from './routes';

/** TikTok API for Business under /tiktok/open_api/v1.3/..., with its ground truth at campaign and ad group level. */
export const tiktokSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = tiktokIndex(state);
    return (req, res, url, segments, fault) => handleTiktok(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now, history) {
    const account = tiktokAccount(world, accountId);
    const catalog = tiktokCatalog(world.seed, account);
    const model = tiktokDelivery(world.seed, account, history);
    // The same function the report serves from (report.ts).
    return closedDayTruth(account, catalog.campaigns, from, to, now, (campaign, date) => {
      const served = tiktokServedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
      if (!served) return null;
      const adSets = served.adSets.map(({ adSet, day }) => ({ id: adSet.id, name: adSet.name, day }));
      return { day: served.day, adSets };
    });
  },
  delivery(world, accountId, history) {
    return tiktokDelivery(world.seed, tiktokAccount(world, accountId), history);
  },
};

function tiktokAccount(world: SandboxWorld, accountId: string) {
  const account = world.tiktok?.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`sandbox world has no TikTok account ${accountId}`);
  return account;
}
