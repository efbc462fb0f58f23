import type { IsoDate } from './dates';
import type { Platform } from './platforms';
import type { Tracker } from './trackers';

/**
 * Business-meaningful, deterministic IDs: starting the same run twice joins the first (USE_EXISTING). A pull started
 * by a parent run carries the parent's ID (`pull:meta:act_1:2026-11-21@daily:2026-11-21`), so two parents pulling
 * the same account and range at once (a daily run and a manual pullAll) never collide on the child's ID.
 */
export function pullWorkflowId(
  platform: Platform,
  accountId: string,
  from: IsoDate,
  to: IsoDate,
  parentId?: string,
): string {
  const id = `pull:${platform}:${accountId}:${from === to ? from : `${from}..${to}`}`;
  return parentId ? `${id}@${parentId}` : id;
}

/** A tracker app's pull, like an account's: `tracker-pull:adjust:dalbit-eats:2026-11-15..2026-11-21@daily:2026-11-21`. */
export function trackerPullWorkflowId(
  tracker: Tracker,
  appId: string,
  from: IsoDate,
  to: IsoDate,
  parentId?: string,
): string {
  const id = `tracker-pull:${tracker}:${appId}:${from === to ? from : `${from}..${to}`}`;
  return parentId ? `${id}@${parentId}` : id;
}

export function backfillTrackerWorkflowId(tracker: Tracker, appId: string, from: IsoDate, to: IsoDate): string {
  return `backfill:${tracker}:${appId}:${from}..${to}`;
}

export function dailyWorkflowId(date: IsoDate, advertisers?: string[]): string {
  return advertisers?.length ? `daily:${date}:${[...advertisers].sort().join('+')}` : `daily:${date}`;
}

export function pullAllWorkflowId(date: IsoDate, platforms?: string[], advertisers?: string[]): string {
  const scope = [...(platforms ?? []).map((p) => `p=${p}`), ...(advertisers ?? []).map((a) => `a=${a}`)].sort();
  return scope.length ? `pull-all:${date}:${scope.join('+')}` : `pull-all:${date}`;
}

export function backfillWorkflowId(platform: Platform, accountId: string, from: IsoDate, to: IsoDate): string {
  return `backfill:${platform}:${accountId}:${from}..${to}`;
}

export function rebalanceWorkflowId(advertiserId: string, date: IsoDate, ruleId?: string, dryRun?: boolean): string {
  return `rebalance:${advertiserId}:${date}${ruleId ? `:${ruleId}` : ''}${dryRun ? ':dry-run' : ''}`;
}
