import type { SandboxTrackerModule } from '../../../sandbox/tracker-module';
import { airbridgeTruth } from './data';
import { handleAirbridge } from './routes';

export const airbridgeSandbox: SandboxTrackerModule = {
  createHandler: (state) => (req, res, url, segments, fault) => handleAirbridge(req, res, url, segments, state, fault),
  truth(world, appId, from, to, now) {
    const app = world.trackers?.airbridge?.apps.find((a) => a.id === appId);
    if (!app) throw new Error(`sandbox world has no Airbridge app ${appId}`);
    return airbridgeTruth(world.seed, app, from, to, now);
  },
};
