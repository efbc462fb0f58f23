import type { SandboxTrackerModule } from '../../../sandbox/tracker-module';
import { afTruth } from './data';
import { handleAppsflyer } from './routes';

export const appsflyerSandbox: SandboxTrackerModule = {
  createHandler: (state) => (req, res, url, segments, fault) => handleAppsflyer(req, res, url, segments, state, fault),
  /** `query.reattr`: "true" the retargeting report, "false" the UA report, absent both (their campaigns never overlap). */
  truth(world, appId, from, to, now, query) {
    const app = world.trackers?.appsflyer?.apps.find((a) => a.id === appId);
    if (!app) throw new Error(`sandbox world has no AppsFlyer app ${appId}`);
    const reports = { ua: query.reattr !== 'true', retargeting: query.reattr !== 'false' };
    return afTruth(world.seed, app, from, to, now, reports);
  },
};
