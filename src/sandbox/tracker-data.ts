import { addDays, dateInZone, daysBetween, type IsoDate } from '../domain/dates';
import { currencyDecimals, MICROS_PER_UNIT } from '../domain/money';
import { createRng, hashSeed, logNormal } from './rng';
import type { SandboxTrackerApp, SandboxTrackerCampaign, SandboxTrackerSource } from './world';

/**
 * Platform-neutral synthetic tracker data: an app's installs, re-engagements, in-app events, revenue and cost per
 * media source, campaign and day, and how a recent day keeps growing until it settles. Every tracker's sandbox
 * formats these numbers in its own wire format; its ground truth is the same functions.
 */

/** One campaign-day in the engine's units: money in whole minor units of the app's currency, as micros. */
export interface TrackerDay {
  installs: number;
  reEngagements: number;
  /** Per event name of the app, zeros included, in the app's event order. */
  eventCounts: Array<{ name: string; count: number }>;
  revenueMicros: bigint;
  costMicros: bigint | null;
}

/** Where the organic traffic of an app shows up, per tracker's own naming. */
export interface OrganicSource {
  mediaSource: string;
  campaign: SandboxTrackerCampaign;
}

/** Average order value and cost per install, in major units (the sandbox's own round numbers). */
function unitValues(currency: string): { order: number; cpi: number } {
  return currencyDecimals(currency) === 0 ? { order: 28_000, cpi: 2_400 } : { order: 24, cpi: 2.1 };
}

function minorToMicros(minor: number, currency: string): bigint {
  return (BigInt(Math.max(0, Math.floor(minor))) * MICROS_PER_UNIT) / 10n ** BigInt(currencyDecimals(currency));
}

/** The settled values of a campaign-day: what the day shows once every late install and purchase has arrived. */
export function settledTrackerDay(
  seed: number,
  tracker: string,
  app: SandboxTrackerApp,
  source: SandboxTrackerSource | null,
  campaign: SandboxTrackerCampaign,
  date: IsoDate,
): TrackerDay {
  const campaignCount = Math.max(
    1,
    app.sources.reduce((n, s) => n + s.campaigns.length, 0),
  );
  const where = [seed, tracker, app.id, source?.mediaSource ?? 'organic', campaign.name];
  const scale = source ? logNormal(createRng(hashSeed(...where)), 0.5) : 1;
  const rng = createRng(hashSeed(...where, date));
  const base = source ? (app.dailyInstalls / campaignCount) * scale : app.dailyInstalls / 3;
  const volume = base * (0.7 + 0.6 * rng());
  const installs = campaign.retargeting ? 0 : Math.round(volume);
  const reEngagements = campaign.retargeting ? Math.round(volume * 0.6) : 0;
  const users = installs + reEngagements;
  const eventCounts = app.events.map((name, i) => ({
    name,
    count: Math.floor(users * (i === 0 ? 0.22 : 0.9 / (i + 1)) * (0.6 + 0.8 * rng())),
  }));
  const decimals = currencyDecimals(app.currency);
  const { order, cpi } = unitValues(app.currency);
  const purchases = eventCounts[0]?.count ?? 0;
  const revenueMinor = purchases * order * (0.8 + 0.4 * rng()) * 10 ** decimals;
  const costMinor = users * cpi * (0.8 + 0.4 * rng()) * 10 ** decimals;
  return {
    installs,
    reEngagements,
    eventCounts,
    revenueMicros: minorToMicros(revenueMinor, app.currency),
    costMicros: source?.cost ? minorToMicros(costMinor, app.currency) : null,
  };
}

/**
 * What the tracker reports for a day when asked on the app's `today`: installs keep arriving for a few days and revenue for the
 * whole window (users acquired that day keep buying), so a recent day grows on every later pull until `growthDays`
 * have passed in the app's zone. Cost is final as soon as it is there. Null for days after the app's today.
 */
export function reportedTrackerDay(
  settled: TrackerDay,
  date: IsoDate,
  /** The app's today (its zone) at the time of asking. */
  today: IsoDate,
  app: Pick<SandboxTrackerApp, 'currency'>,
  growthDays: number,
): TrackerDay | null {
  const age = daysBetween(date, today);
  if (age < 0) return null;
  if (age >= growthDays) return settled;
  const countShare = 0.8 + (0.2 * age) / growthDays;
  const valueShare = 0.45 + (0.55 * age) / growthDays;
  const unit = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(app.currency));
  const scaled = (micros: bigint) => {
    const minor = micros / unit;
    return BigInt(Math.floor(Number(minor) * valueShare)) * unit;
  };
  return {
    installs: Math.floor(settled.installs * countShare),
    reEngagements: Math.floor(settled.reEngagements * countShare),
    eventCounts: settled.eventCounts.map((e) => ({ name: e.name, count: Math.floor(e.count * valueShare) })),
    revenueMicros: scaled(settled.revenueMicros),
    costMicros: settled.costMicros,
  };
}

/** A day without anything to report is not a row (trackers list campaign-days with activity). */
export function isEmptyTrackerDay(day: TrackerDay): boolean {
  return (
    day.installs === 0 &&
    day.reEngagements === 0 &&
    day.eventCounts.every((e) => e.count === 0) &&
    day.revenueMicros === 0n &&
    (day.costMicros ?? 0n) === 0n
  );
}

/** Every (source, campaign) of an app, organic last, with the served day of each date in [from, to]. */
export function servedTrackerDays(
  seed: number,
  tracker: string,
  app: SandboxTrackerApp,
  organic: OrganicSource,
  from: IsoDate,
  to: IsoDate,
  now: Date,
  growthDays: number,
): Array<{
  source: SandboxTrackerSource | null;
  mediaSource: string;
  campaign: SandboxTrackerCampaign;
  date: IsoDate;
  day: TrackerDay;
}> {
  const out: Array<{
    source: SandboxTrackerSource | null;
    mediaSource: string;
    campaign: SandboxTrackerCampaign;
    date: IsoDate;
    day: TrackerDay;
  }> = [];
  const pairs = [
    ...app.sources.flatMap((s) =>
      s.campaigns.map((c) => ({ source: s as SandboxTrackerSource | null, mediaSource: s.mediaSource, campaign: c })),
    ),
    { source: null, mediaSource: organic.mediaSource, campaign: organic.campaign },
  ];
  const today = dateInZone(now, app.timeZone);
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const { source, mediaSource, campaign } of pairs) {
      const settled = settledTrackerDay(seed, tracker, app, source, campaign, date);
      const day = reportedTrackerDay(settled, date, today, app, growthDays);
      if (day && !isEmptyTrackerDay(day)) out.push({ source, mediaSource, campaign, date, day });
    }
  }
  return out;
}

/**
 * Charges one call against every key, or against none: when a key's limit is already reached the call is refused
 * (and counted as refused on that key), as a tracker that checks its quotas before serving would.
 */
export function chargeQuotas(
  quotas: Map<string, { limit: number; used: number; refused: number }>,
  keys: ReadonlyArray<{ key: string; limit: number }>,
): boolean {
  const counts = keys.map(({ key, limit }) => {
    const count = quotas.get(key) ?? { limit, used: 0, refused: 0 };
    quotas.set(key, count);
    return count;
  });
  const full = counts.filter((c) => c.used >= c.limit);
  for (const c of full) c.refused += 1;
  if (full.length > 0) return false;
  for (const c of counts) c.used += 1;
  return true;
}
