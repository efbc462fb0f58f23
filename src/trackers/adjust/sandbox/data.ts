import type { IsoDate } from '../../../domain/dates';
import { servedTrackerDays, type TrackerDay } from '../../../sandbox/tracker-data';
import type { TrackerTruthRow } from '../../../sandbox/tracker-module';
import type { SandboxTrackerApp } from '../../../sandbox/world';
import { ADJUST_ATTRIBUTION_SHARES, ADJUST_GROWTH_DAYS, ADJUST_ORGANIC, ADJUST_UNKNOWN_ID } from './api-facts';

export type AttributionType = 'click' | keyof typeof ADJUST_ATTRIBUTION_SHARES;

/** One served row: a campaign-day with only the requested engagement types' share of attributed activity. */
export interface AdjustServedRow {
  date: IsoDate;
  partner: string;
  campaignName: string;
  campaignId: string;
  day: TrackerDay;
}

/**
 * The share of a day's attributed activity the requested types hold: impression and engaged_ad take their shares
 * (rounded down), click the rest. Cost is spend, not attribution, so it is never split.
 */
function attributed(day: TrackerDay, types: ReadonlySet<AttributionType>, currencyUnitMicros: bigint): TrackerDay {
  const part = (n: number) => {
    const impression = Math.floor(n * ADJUST_ATTRIBUTION_SHARES.impression);
    const engaged = Math.floor(n * ADJUST_ATTRIBUTION_SHARES.engaged_ad);
    return (
      (types.has('click') ? n - impression - engaged : 0) +
      (types.has('impression') ? impression : 0) +
      (types.has('engaged_ad') ? engaged : 0)
    );
  };
  const units = Number(day.revenueMicros / currencyUnitMicros);
  return {
    installs: part(day.installs),
    reEngagements: part(day.reEngagements),
    eventCounts: day.eventCounts.map((e) => ({ name: e.name, count: part(e.count) })),
    revenueMicros: BigInt(part(units)) * currencyUnitMicros,
    costMicros: day.costMicros,
  };
}

export function adjustServedRows(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  types: ReadonlySet<AttributionType>,
  currencyUnitMicros: bigint,
): AdjustServedRow[] {
  const organic = {
    mediaSource: ADJUST_ORGANIC.partner,
    campaign: { name: ADJUST_ORGANIC.campaign, retargeting: false },
  };
  return servedTrackerDays(seed, 'adjust', app, organic, from, to, now, ADJUST_GROWTH_DAYS).map((d) => ({
    date: d.date,
    partner: d.mediaSource,
    campaignName: d.campaign.name,
    campaignId: d.campaign.id ?? ADJUST_UNKNOWN_ID,
    day: attributed(d.day, types, currencyUnitMicros),
  }));
}

/** Ground truth in engine units: the same rows, events by name, cost 0 where the network sends none. */
export function adjustTruth(
  seed: number,
  app: SandboxTrackerApp,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  types: ReadonlySet<AttributionType>,
  currencyUnitMicros: bigint,
): TrackerTruthRow[] {
  return adjustServedRows(seed, app, from, to, now, types, currencyUnitMicros).map((r) => {
    const eventCounts = r.day.eventCounts
      .filter((e) => e.count > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      mediaSource: r.partner,
      campaignId: r.campaignId === ADJUST_UNKNOWN_ID ? null : r.campaignId,
      campaignName: r.campaignName,
      date: r.date,
      currency: app.currency,
      installs: r.day.installs,
      reEngagements: r.day.reEngagements,
      events: r.day.eventCounts.reduce((n, e) => n + e.count, 0),
      eventCounts,
      revenueMicros: r.day.revenueMicros,
      costMicros: r.day.costMicros ?? 0n,
    };
  });
}
