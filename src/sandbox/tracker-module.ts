import type { IsoDate } from '../domain/dates';
import type { SandboxHandler } from './platform-module';
import type { SandboxState } from './state';
import type { SandboxWorld } from './world';

/** What a tracker holds for one app, media source, campaign and day, in the engine's units, for tests to compare. */
export interface TrackerTruthRow {
  mediaSource: string;
  /** The network's campaign id where this tracker serves one; null where it serves names only. */
  campaignId: string | null;
  campaignName: string;
  date: IsoDate;
  currency: string;
  installs: number;
  reEngagements: number;
  events: number;
  /** Per event name with a count above zero, sorted by name; empty where the tracker serves no per-name counts. */
  eventCounts: Array<{ name: string; count: number }>;
  revenueMicros: bigint;
  costMicros: bigint | null;
}

/** One tracker in the sandbox: its HTTP behaviour and its ground truth. */
export interface SandboxTrackerModule {
  createHandler(state: SandboxState): SandboxHandler;
  /**
   * Rows the tracker reports for the app's days [from, to] when asked at `now`; `query` carries the request options
   * the served numbers depend on (Adjust `attribution_types`, AppsFlyer's report), as the tracker's own parameter names.
   */
  truth(
    world: SandboxWorld,
    appId: string,
    from: IsoDate,
    to: IsoDate,
    now: Date,
    query: Record<string, string>,
  ): TrackerTruthRow[];
}
