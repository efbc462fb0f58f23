import type { IsoDate } from './dates';
import type { Platform } from './platforms';

/** Business-meaningful, deterministic IDs: starting the same run twice joins the first (USE_EXISTING). */
export function pullWorkflowId(platform: Platform, accountId: string, from: IsoDate, to: IsoDate): string {
  return `pull:${platform}:${accountId}:${from === to ? from : `${from}..${to}`}`;
}

export function dailyWorkflowId(date: IsoDate, advertisers?: string[]): string {
  return advertisers?.length ? `daily:${date}:${[...advertisers].sort().join('+')}` : `daily:${date}`;
}
