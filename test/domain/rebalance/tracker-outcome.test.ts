import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../src/config/rules-schema';
import { addDays } from '../../../src/domain/dates';
import type { MetricRow } from '../../../src/domain/metrics';
import { planRuleCurrencies, type RuleAccount } from '../../../src/domain/rebalance/rule-plan';
import {
  withTrackerOutcomes,
  type OutcomeEntity,
  type TrackerFeed,
  type TrackerOutcomeData,
} from '../../../src/domain/rebalance/tracker-outcome';
import type { JoinedCampaignDay } from '../../../src/domain/tracker-join';

const WON = 1_000_000n;
/** 10:00 in Seoul on 2026-11-20: AppsFlyer app `aos` (7-day window) has settled 11-13 and before, `ios` (3) 11-17. */
const NOW = new Date('2026-11-20T01:00:00Z');

function mediaRow(accountId: string, entityId: string, date: string, mature = true): MetricRow {
  return {
    platform: 'meta',
    accountId,
    advertiserId: 'acme',
    level: 'campaign',
    entityId,
    entityName: entityId,
    date,
    currency: accountId === 'act_2' ? 'USD' : 'KRW',
    timeZone: 'Asia/Seoul',
    impressions: 1000,
    clicks: 10,
    spendMicros: 100_000n * WON,
    // The media's own figures: never in the result of a tracker rule.
    conversions: 5,
    conversionValueMicros: 50_000n * WON,
    mature,
  };
}

function trackerDay(
  accountId: string,
  campaignId: string,
  date: string,
  f: { installs?: number; reEngagements?: number; events?: number; revenueWon?: bigint; currency?: string },
): JoinedCampaignDay {
  return {
    platform: 'meta',
    accountId,
    campaignId,
    date,
    currency: f.currency ?? 'KRW',
    installs: f.installs ?? 0,
    reEngagements: f.reEngagements ?? 0,
    events: f.events ?? 0,
    revenueMicros: (f.revenueWon ?? 0n) * WON,
    costMicros: null,
    trackerRows: 1,
  };
}

const feed = (app: string, accountId: string, window: number): TrackerFeed => ({
  app,
  tracker: 'appsflyer',
  platform: 'meta',
  accountId,
  timeZone: 'Asia/Seoul',
  restatementWindowDays: window,
});

const entity = (accountId: string, id: string, level: 'campaign' | 'adset' = 'campaign'): OutcomeEntity => ({
  key: `meta|${accountId}|${level}|${id}`,
  platform: 'meta',
  accountId,
  level,
  entityId: id,
  currency: accountId === 'act_2' ? 'USD' : 'KRW',
});

const DATES = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16'];

/**
 * act_1 (KRW) is fed by two apps, aos (7-day window, reported 11-10..11-15) and ios (3 days, reported 11-10..11-14);
 * act_2 (USD) by `glob`, whose figures are in KRW; act_3 by none.
 * - A (act_1): 11-10 aos 10 installs / 40,000 won + ios 2 / 10,000; 11-11 aos 7 / 20,000; 11-12 no row (aos reported
 *   that day: 0); 11-13 aos 9 / 0; 11-14 ios 3 / 5,000 (re-engagements 4, events 30); 11-15 aos 4; 11-16 no app
 *   reported: unknown, left out.
 * - B (act_1): nothing from the tracker. C (act_2): KRW figures on a USD account. D (act_3): no app.
 * - E (act_1): figures on 11-15 only, inside aos's window. F: an ad set.
 */
const DATA: TrackerOutcomeData = {
  conversions: 'installs',
  feeds: [feed('aos', 'act_1', 7), feed('ios', 'act_1', 3), feed('glob', 'act_2', 7)],
  days: [
    trackerDay('act_1', 'A', '2026-11-10', { installs: 10, revenueWon: 40_000n }),
    trackerDay('act_1', 'A', '2026-11-10', { installs: 2, revenueWon: 10_000n }),
    trackerDay('act_1', 'A', '2026-11-11', { installs: 7, revenueWon: 20_000n }),
    trackerDay('act_1', 'A', '2026-11-13', { installs: 9 }),
    trackerDay('act_1', 'A', '2026-11-14', { installs: 3, reEngagements: 4, events: 30, revenueWon: 5_000n }),
    trackerDay('act_1', 'A', '2026-11-15', { installs: 4 }),
    trackerDay('act_2', 'C', '2026-11-10', { installs: 50, revenueWon: 9_000n }),
    trackerDay('act_1', 'E', '2026-11-15', { installs: 6 }),
  ],
  reported: [
    { app: 'aos', dates: DATES.slice(0, 6) },
    { app: 'ios', dates: DATES.slice(0, 5) },
    { app: 'glob', dates: DATES },
  ],
};

const HISTORY: MetricRow[] = [
  ...DATES.map((d) => mediaRow('act_1', 'A', d, d !== '2026-11-16')),
  ...DATES.map((d) => mediaRow('act_1', 'B', d)),
  ...DATES.map((d) => mediaRow('act_2', 'C', d)),
  ...DATES.map((d) => mediaRow('act_3', 'D', d)),
  ...DATES.map((d) => mediaRow('act_1', 'E', d)),
];
const ENTITIES = [
  entity('act_1', 'A'),
  entity('act_1', 'B'),
  entity('act_2', 'C'),
  entity('act_3', 'D'),
  entity('act_1', 'E'),
  entity('act_1', 'F', 'adset'),
];

const figures = (rows: MetricRow[], id: string) =>
  rows
    .filter((r) => r.entityId === id)
    .map((r) => [r.date, r.conversions, Number(r.conversionValueMicros / WON), Number(r.spendMicros / WON), r.mature]);

describe('withTrackerOutcomes', () => {
  it('keeps the media spend and takes each day’s outcome from the tracker: 0 on a reported day, none on an unread one', () => {
    const out = withTrackerOutcomes(HISTORY, ENTITIES, DATA, { now: NOW, includeUnsettled: false });
    expect(figures(out.rows, 'A')).toEqual([
      // date, installs, revenue (won), spend (won), settled: aos settles ≤ 11-13, ios ≤ 11-17, both needed.
      ['2026-11-10', 12, 50_000, 100_000, true],
      ['2026-11-11', 7, 20_000, 100_000, true],
      ['2026-11-12', 0, 0, 100_000, true],
      ['2026-11-13', 9, 0, 100_000, true],
      ['2026-11-14', 3, 5_000, 100_000, false],
      ['2026-11-15', 4, 0, 100_000, false],
    ]);
    expect(out.rows.map((r) => r.entityId)).toEqual(['A', 'A', 'A', 'A', 'A', 'A']);
  });

  it('skips, saying why: no data, another currency, no app, nothing settled, an ad set', () => {
    const out = withTrackerOutcomes(HISTORY, ENTITIES, DATA, { now: NOW, includeUnsettled: false });
    const why = new Map(out.skipped.map((s) => [s.key.split('|')[3], s.why]));
    expect([...why.keys()]).toEqual(['B', 'C', 'D', 'E', 'F']);
    expect(why.get('B')).toBe(
      'no tracker data: appsflyer aos, appsflyer ios reported nothing for this campaign on the days read',
    );
    expect(why.get('C')).toBe(
      'the tracker reports this campaign in KRW and the account spends USD: tracker revenue is never set against spend in another currency',
    );
    expect(why.get('D')).toBe('no tracker data: no tracker app maps onto meta account act_3 (trackers.yaml)');
    expect(why.get('E')).toBe(
      'no settled tracker data yet: every day with tracker figures is still inside the restatement window (appsflyer aos 7 days, appsflyer ios 3 days); includeUnsettled would count them',
    );
    expect(why.get('F')).toBe('tracker figures are joined onto campaigns, not ad sets');
  });

  it('with includeUnsettled plans on the unsettled days too, and counts the tracker figure the rule names', () => {
    const out = withTrackerOutcomes(
      HISTORY,
      ENTITIES,
      { ...DATA, conversions: 'reEngagements' },
      { now: NOW, includeUnsettled: true },
    );
    expect(out.skipped.map((s) => s.key.split('|')[3])).toEqual(['B', 'C', 'D', 'F']);
    // E: 11-15 has 6 installs but 0 re-engagements; 11-10..11-14 aos reported: 0; 11-16 unread: left out.
    expect(figures(out.rows, 'E').map(([d, c]) => [d, c])).toEqual(DATES.slice(0, 6).map((d) => [d, 0]));
    expect(figures(out.rows, 'A').map(([d, c]) => [d, c])).toEqual([
      ['2026-11-10', 0],
      ['2026-11-11', 0],
      ['2026-11-12', 0],
      ['2026-11-13', 0],
      ['2026-11-14', 4],
      ['2026-11-15', 0],
    ]);
    const events = withTrackerOutcomes(
      HISTORY,
      ENTITIES,
      { ...DATA, conversions: 'events' },
      {
        now: NOW,
        includeUnsettled: true,
      },
    );
    expect(figures(events.rows, 'A').find(([d]) => d === '2026-11-14')?.[1]).toBe(30);
  });

  it('a day is settled only when the media row is too', () => {
    const later = new Date('2026-11-30T01:00:00Z'); // every tracker day settled by now
    const out = withTrackerOutcomes(HISTORY, ENTITIES, DATA, { now: later, includeUnsettled: false });
    expect(figures(out.rows, 'A').map(([d, , , , m]) => [d, m])).toEqual([
      ['2026-11-10', true],
      ['2026-11-11', true],
      ['2026-11-12', true],
      ['2026-11-13', true],
      ['2026-11-14', true],
      ['2026-11-15', true],
    ]);
    const unsettledMedia = HISTORY.map((r) =>
      r.entityId === 'A' && r.date === '2026-11-12' ? { ...r, mature: false } : r,
    );
    const again = withTrackerOutcomes(unsettledMedia, ENTITIES, DATA, { now: later, includeUnsettled: false });
    expect(figures(again.rows, 'A').find(([d]) => d === '2026-11-12')?.[4]).toBe(false);
  });
});

/**
 * The same scope planned on media and on tracker figures. KRW Meta campaigns X and Y with 14 settled days each
 * (10-20..11-02), spend alternating 80,000 / 120,000 won, budgets 100,000 each, and Z with no data:
 * - media: X converts √spend / 20 a day, Y √spend / 10 (twice as well), so the media plan moves budget from X to Y;
 * - tracker: X has ten times the installs the media counts, Y the media's count, so the tracker plan moves toward X.
 */
describe('planRuleCurrencies with outcomeSource tracker', () => {
  const days = Array.from({ length: 14 }, (_, i) => addDays('2026-10-20', i));
  const spendWon = (i: number) => (i % 2 === 0 ? 80_000 : 120_000);
  const mediaConv = (id: string, i: number) => Math.round(Math.sqrt(spendWon(i)) / (id === 'X' ? 20 : 10));
  const history: MetricRow[] = days.flatMap((d, i) =>
    ['X', 'Y'].map((id) => ({
      ...mediaRow('act_1', id, d),
      spendMicros: BigInt(spendWon(i)) * WON,
      conversions: mediaConv(id, i),
    })),
  );
  const tracker: TrackerOutcomeData = {
    conversions: 'installs',
    feeds: [feed('aos', 'act_1', 7)],
    days: days.flatMap((d, i) =>
      ['X', 'Y'].map((id) => trackerDay('act_1', id, d, { installs: mediaConv(id, i) * (id === 'X' ? 10 : 1) })),
    ),
    reported: [{ app: 'aos', dates: days }],
  };
  const account: RuleAccount = {
    platform: 'meta',
    accountId: 'act_1',
    currency: 'KRW',
    rules: { unitMicros: WON, minDailyMicros: WON, overspendFactor: 1 },
    entities: ['X', 'Y', 'Z'].map((id) => ({
      key: `meta|act_1|campaign|${id}`,
      level: 'campaign' as const,
      entityId: id,
      name: `Camp ${id}`,
      budgetMicros: 100_000n * WON,
    })),
  };
  const base = {
    id: 'r',
    advertiserId: 'acme',
    scope: { platforms: ['meta'], level: 'campaign' },
    objective: { kind: 'maxConversions' },
    lookbackDays: 14,
    minData: { days: 7, conversions: 1 },
    constraints: { maxChangePct: 20, cooldown: '0s' },
    level: 'shadow',
  };
  const plan = (outcomeSource?: Record<string, unknown>) =>
    planRuleCurrencies(ruleSchema.parse({ ...base, ...(outcomeSource ? { outcomeSource } : {}) }), {
      date: '2026-11-20',
      now: NOW,
      timeZone: 'Asia/Seoul',
      accounts: [account],
      history,
      monthToDate: [],
      applied: [],
      tracker,
    })[0]!;
  const change = (p: ReturnType<typeof plan>, id: string) => p.proposals.find((x) => x.entityId === id)?.changePct ?? 0;

  it('moves budget toward the campaign the tracker credits, where the media figures move it away', () => {
    const media = plan();
    expect(change(media, 'X')).toBeLessThan(0);
    expect(change(media, 'Y')).toBeGreaterThan(0);
    const fromTracker = plan({ source: 'tracker', conversions: 'installs' });
    expect(change(fromTracker, 'X')).toBeGreaterThan(0);
    expect(change(fromTracker, 'Y')).toBeLessThan(0);
    // The planner input holds the tracker's counts: X's first day 10 × round(√80000 / 20) = 10 × 14.
    const entities = fromTracker.plannerJson.entities as Array<{ id: string; history: Array<{ conversions: number }> }>;
    expect(entities.find((e) => e.id === 'meta|act_1|campaign|X')?.history[0]?.conversions).toBe(140);
    // Z has media rows only if it had any: here none and no tracker figure, so it is left alone saying why.
    expect(fromTracker.skipped.find((s) => s.key === 'meta|act_1|campaign|Z')?.why).toMatch(/^no tracker data: /);
    expect(media.skipped.find((s) => s.key === 'meta|act_1|campaign|Z')?.why).not.toMatch(/tracker/);
  });
});
