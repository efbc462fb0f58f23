import { sandboxModule } from '../../../sandbox/module-kit';
import { tiktokCatalog, tiktokDelivery, tiktokServedDay } from './data';
import { handleTiktok, tiktokIndex } from './routes';

/** TikTok API for Business under /tiktok/open_api/v1.3/..., with its ground truth at campaign and ad group level. */
export const tiktokSandbox = sandboxModule({
  createHandler(state) {
    const index = tiktokIndex(state);
    return (req, res, url, segments, fault) => handleTiktok(req, res, url, segments, state, index, fault);
  },
  account: (world, accountId) => world.tiktok?.accounts.find((a) => a.id === accountId),
  accountNoun: 'TikTok account',
  delivery: tiktokDelivery,
  catalog: tiktokCatalog,
  // The same function the report serves from (report.ts).
  servedDay: tiktokServedDay,
});
