import type { IsoDate } from './dates';
import type { Platform } from './platforms';
import { trackerCampaignKey, type TrackerDailyRow } from './trackers';

/**
 * Tracker rows × media campaigns: which media campaign each tracker campaign is. Pure; the mappings come from
 * config/trackers.yaml (mappings[]) and the campaigns from the media pulls' `entities`.
 */

export interface MediaCampaign {
  platform: Platform;
  accountId: string;
  campaignId: string;
  name: string;
}

export interface NameRule {
  /** On the tracker's campaign name; captures `(?<id>…)` (a media campaign id) and/or `(?<name>…)` (its name). */
  pattern: string;
  ignoreCase: boolean;
}

export interface CampaignMapping {
  /** The tracker's names of the network, exactly as reported. */
  mediaSources: readonly string[];
  platform: Platform;
  accountIds: readonly string[];
  matchById: boolean;
  /** Tried in order after the id; none means "the tracker name equals the media campaign name". */
  nameRules: readonly NameRule[];
}

export interface MatchedTrackerRow {
  row: TrackerDailyRow;
  platform: Platform;
  accountId: string;
  campaignId: string;
  /** `id`: the tracker's campaign id is the media campaign's; `name_rule`: rule `rule` (null: equal names) matched. */
  by: 'id' | 'name_rule';
  rule: number | null;
}

/** `no_mapping`: no mapping lists the media source; `no_campaign`: none of its campaigns fits; `ambiguous`: several do. */
export type UnmatchedReason = 'no_mapping' | 'no_campaign' | 'ambiguous';

export interface UnmatchedTrackerRow {
  row: TrackerDailyRow;
  reason: UnmatchedReason;
}

export interface TrackerJoin {
  matched: MatchedTrackerRow[];
  unmatched: UnmatchedTrackerRow[];
}

type Found = { campaign: MediaCampaign; by: 'id' | 'name_rule'; rule: number | null } | 'ambiguous' | undefined;

export function joinTrackerRows(
  rows: readonly TrackerDailyRow[],
  mappings: readonly CampaignMapping[],
  campaigns: readonly MediaCampaign[],
): TrackerJoin {
  const compiled = mappings.map((m) => ({
    mapping: m,
    rules: m.nameRules.map((r) => ({ regex: new RegExp(r.pattern), ignoreCase: r.ignoreCase })),
    candidates: campaigns.filter((c) => c.platform === m.platform && m.accountIds.includes(c.accountId)),
  }));
  const result: TrackerJoin = { matched: [], unmatched: [] };
  for (const row of rows) {
    const applicable = compiled.filter((c) => c.mapping.mediaSources.includes(row.mediaSource));
    if (applicable.length === 0) {
      result.unmatched.push({ row, reason: 'no_mapping' });
      continue;
    }
    let found: Found;
    for (const { mapping, rules, candidates } of applicable) {
      found = findCampaign(row, mapping, rules, candidates);
      if (found) break;
    }
    if (found === undefined || found === 'ambiguous') {
      result.unmatched.push({ row, reason: found ?? 'no_campaign' });
      continue;
    }
    const { campaign, by, rule } = found;
    result.matched.push({
      row,
      platform: campaign.platform,
      accountId: campaign.accountId,
      campaignId: campaign.campaignId,
      by,
      rule,
    });
  }
  return result;
}

function findCampaign(
  row: TrackerDailyRow,
  mapping: CampaignMapping,
  rules: ReadonlyArray<{ regex: RegExp; ignoreCase: boolean }>,
  candidates: readonly MediaCampaign[],
): Found {
  const pick = (hits: MediaCampaign[], by: 'id' | 'name_rule', rule: number | null): Found => {
    if (hits.length > 1) return 'ambiguous';
    const [campaign] = hits;
    return campaign ? { campaign, by, rule } : undefined;
  };
  if (mapping.matchById && row.campaignId !== null) {
    const byId = pick(
      candidates.filter((c) => c.campaignId === row.campaignId),
      'id',
      null,
    );
    if (byId) return byId;
  }
  if (rules.length === 0) {
    return pick(
      candidates.filter((c) => c.name === row.campaignName),
      'name_rule',
      null,
    );
  }
  for (const [i, { regex, ignoreCase }] of rules.entries()) {
    const groups = regex.exec(row.campaignName)?.groups;
    if (!groups) continue;
    const { id, name } = groups;
    const same = (a: string, b: string) => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
    const hits = candidates.filter(
      (c) => (id === undefined || c.campaignId === id) && (name === undefined || same(c.name, name)),
    );
    const found = pick(hits, 'name_rule', i);
    if (found) return found;
  }
  return undefined;
}

/** Tracker figures per media campaign and day: the joined view reports put beside the media's own. */
export interface JoinedCampaignDay {
  platform: Platform;
  accountId: string;
  campaignId: string;
  date: IsoDate;
  currency: string;
  installs: number;
  reEngagements: number;
  events: number;
  revenueMicros: bigint;
  /** Null when no tracker row of the campaign-day reported cost. */
  costMicros: bigint | null;
  /** Tracker rows summed (several tracker campaigns can map onto one media campaign). */
  trackerRows: number;
}

/** Sums matched rows per media campaign, day and currency (currencies are never added together). */
export function sumByMediaCampaign(matched: readonly MatchedTrackerRow[]): JoinedCampaignDay[] {
  const days = new Map<string, JoinedCampaignDay>();
  for (const m of matched) {
    const key = [m.platform, m.accountId, m.campaignId, m.row.date, m.row.currency].join('|');
    const day = days.get(key) ?? {
      platform: m.platform,
      accountId: m.accountId,
      campaignId: m.campaignId,
      date: m.row.date,
      currency: m.row.currency,
      installs: 0,
      reEngagements: 0,
      events: 0,
      revenueMicros: 0n,
      costMicros: null,
      trackerRows: 0,
    };
    day.installs += m.row.installs;
    day.reEngagements += m.row.reEngagements;
    day.events += m.row.events;
    day.revenueMicros += m.row.revenueMicros;
    if (m.row.costMicros !== null) day.costMicros = (day.costMicros ?? 0n) + m.row.costMicros;
    day.trackerRows += 1;
    days.set(key, day);
  }
  return [...days.values()].sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.campaignId < b.campaignId
        ? -1
        : a.campaignId > b.campaignId
          ? 1
          : 0,
  );
}

/** What `adops trackers unmatched` lists: each unmatched tracker campaign once, with why and what it carries. */
export interface UnmatchedCampaign {
  app: string;
  mediaSource: string;
  campaignId: string | null;
  campaignName: string;
  reason: UnmatchedReason;
  days: number;
  installs: number;
  revenueMicros: bigint;
  currency: string;
}

export function unmatchedCampaigns(unmatched: readonly UnmatchedTrackerRow[]): UnmatchedCampaign[] {
  const byCampaign = new Map<string, UnmatchedCampaign>();
  for (const { row, reason } of unmatched) {
    const key = [row.app, row.mediaSource, trackerCampaignKey(row), row.currency].join('|');
    const entry = byCampaign.get(key) ?? {
      app: row.app,
      mediaSource: row.mediaSource,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      reason,
      days: 0,
      installs: 0,
      revenueMicros: 0n,
      currency: row.currency,
    };
    entry.days += 1;
    entry.installs += row.installs;
    entry.revenueMicros += row.revenueMicros;
    byCampaign.set(key, entry);
  }
  return [...byCampaign.values()].sort((a, b) => b.installs - a.installs || (a.campaignName < b.campaignName ? -1 : 1));
}
