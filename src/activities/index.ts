import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { createAdvertiserReportActivities } from './advertiser-report';
import { createBacktestActivities } from './backtest';
import { createBudgetActivities } from './budgets';
import { createPlanActivities } from './plan';
import { createPromotionActivities } from './promotion';
import { createPullActivities } from './pull';
import { createRebalanceActivities } from './rebalance';
import { createReportActivities } from './report';
import { createTrackerActivities } from './tracker-pull';

export interface ActivityDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  reportsDir: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Activities that only touch config and the database: they run on the main task queue. */
export function createCoreActivities(deps: ActivityDeps) {
  return {
    ...createPlanActivities(deps),
    ...createReportActivities(deps),
    ...createRebalanceActivities(deps),
    ...createAdvertiserReportActivities(deps),
    ...createBacktestActivities(deps),
    ...createPromotionActivities(deps),
  };
}

/** Activities that call an ad platform: registered on each platform's own task queue. */
export function createPlatformActivities(deps: ActivityDeps) {
  return { ...createPullActivities(deps), ...createBudgetActivities(deps) };
}

/** Activities that call a tracker (MMP): registered on each tracker's own task queue. */
export function createTrackerQueueActivities(deps: ActivityDeps) {
  return createTrackerActivities(deps);
}

export type CoreActivities = ReturnType<typeof createCoreActivities>;
export type PlatformActivities = ReturnType<typeof createPlatformActivities>;
export type TrackerActivities = ReturnType<typeof createTrackerQueueActivities>;
