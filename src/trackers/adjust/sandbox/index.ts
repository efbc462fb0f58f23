import { currencyDecimals } from '../../../domain/money';
import type { SandboxTrackerModule } from '../../../sandbox/tracker-module';
import { ADJUST_DEFAULT_ATTRIBUTION } from './api-facts';
import { adjustTruth, type AttributionType } from './data';
import { handleAdjust } from './routes';

export const adjustSandbox: SandboxTrackerModule = {
  createHandler: (state) => (req, res, url, segments, fault) => handleAdjust(req, res, url, segments, state, fault),
  /** `query.attribution_types`: the engagement types asked for, comma-separated (default click). */
  truth(world, appId, from, to, now, query) {
    const app = world.trackers?.adjust?.apps.find((a) => a.id === appId);
    if (!app) throw new Error(`sandbox world has no Adjust app ${appId}`);
    const types = new Set((query.attribution_types ?? ADJUST_DEFAULT_ATTRIBUTION).split(',') as AttributionType[]);
    const unit = 10n ** BigInt(6 - currencyDecimals(app.currency));
    return adjustTruth(world.seed, app, from, to, now, types, unit);
  },
};
