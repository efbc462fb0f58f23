import type { IsoDate } from '../../../domain/dates';
import { servedTrackerDays } from '../../../sandbox/tracker-data';
import type { TrackerTruthRow } from '../../../sandbox/tracker-module';
import type { SandboxTrackerApp } from '../../../sandbox/world';
import { AIRBRIDGE_GROWTH_DAYS, AIRBRIDGE_UNATTRIBUTED } from './api-facts';

export interface AirbridgeServedRow {
  date: IsoDate;
  channel: string;
  campaign: string;
  campaignId: string;
  installs: number;
  deeplinkOpens: number;
  events: number;
  revenueMicros: bigint;
  costMicros: bigint | null;
}

export function airbridgeServedRows(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
): AirbridgeServedRow[] {
  const organic = {
    mediaSource: AIRBRIDGE_UNATTRIBUTED.channel,
    campaign: { name: AIRBRIDGE_UNATTRIBUTED.campaign, retargeting: false },
  };
  return servedTrackerDays(seed, 'airbridge', app, organic, from, to, now, AIRBRIDGE_GROWTH_DAYS).map((d) => ({
    date: d.date,
    channel: d.mediaSource,
    campaign: d.campaign.name,
    campaignId: d.campaign.id ?? '',
    installs: d.day.installs,
    deeplinkOpens: d.day.reEngagements,
    events: d.day.eventCounts.reduce((n, e) => n + e.count, 0),
    revenueMicros: d.day.revenueMicros,
    costMicros: d.day.costMicros,
  }));
}

/** Ground truth in engine units (no per-event split: the query has no event group-by). */
export function airbridgeTruth(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
): TrackerTruthRow[] {
  return airbridgeServedRows(seed, app, from, to, now).map((r) => ({
    mediaSource: r.channel,
    campaignId: r.campaignId === '' ? null : r.campaignId,
    campaignName: r.campaign,
    date: r.date,
    currency: app.currency,
    installs: r.installs,
    reEngagements: r.deeplinkOpens,
    events: r.events,
    eventCounts: [],
    revenueMicros: r.revenueMicros,
    costMicros: r.costMicros,
  }));
}
