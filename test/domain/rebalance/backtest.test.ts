import { describe, expect, it } from 'vitest';
import { instantInZone } from '../../../src/domain/dates';
import { budgetInForce, replayRule, type BacktestChange } from '../../../src/domain/rebalance/backtest';
import { ruleSchema } from '../../../src/config/rules-schema';
import type { TrackerOutcomeData } from '../../../src/domain/rebalance/tracker-outcome';
import {
  ACCOUNT,
  APPLIED,
  DAYS,
  fixtureTimeline,
  KEY,
  RULE,
  RULE_YAML,
  SPEND_WON,
  todaysValuesOnly,
  WON,
} from './backtest-fixture';

const OPTIONS = { runAt: '10:00', timeZone: 'Asia/Seoul' };
const replay = (from: string, to: string, rule = RULE, timeline = fixtureTimeline()) =>
  replayRule(rule, { accounts: [ACCOUNT], timeline, applied: APPLIED }, { from, to, ...OPTIONS });
const won = (micros: string) => Number(BigInt(micros) / WON);
const byId = (changes: BacktestChange[]) => Object.fromEntries(changes.map((c) => [c.entityId, c]));

describe('instantInZone', () => {
  it('is the wall-clock time in the zone, DST included', () => {
    expect(instantInZone('2026-11-10', '10:00', 'Asia/Seoul').toISOString()).toBe('2026-11-10T01:00:00.000Z');
    // New York: EDT (UTC-4) from 2026-03-08 03:00, EST (UTC-5) the day before.
    expect(instantInZone('2026-03-07', '10:00', 'America/New_York').toISOString()).toBe('2026-03-07T15:00:00.000Z');
    expect(instantInZone('2026-03-08', '10:00', 'America/New_York').toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(() => instantInZone('2026-03-08', '25:00', 'Asia/Seoul')).toThrow(/not HH:MM/);
  });
});

describe('budgetInForce', () => {
  const changes = APPLIED.filter((c) => c.key === KEY('A')); // 100,000 → 120,000 on 2026-11-12T05:00Z
  it('the value after the last applied change before the moment', () => {
    expect(budgetInForce(changes, new Date('2026-11-13T00:00:00Z'), 1n)).toEqual({
      micros: 120_000n * WON,
      source: 'ledger',
    });
  });
  it("before any change: the first later change's from, not today's listing", () => {
    expect(budgetInForce(changes, new Date('2026-11-10T01:00:00Z'), 120_000n * WON)).toEqual({
      micros: 100_000n * WON,
      source: 'next-change',
    });
  });
  it('never changed by the engine: the listing', () => {
    expect(budgetInForce([], new Date('2026-11-10T01:00:00Z'), 7n)).toEqual({ micros: 7n, source: 'listing' });
  });
});

describe('replayRule', () => {
  it('plans 2026-11-10 on the values known at 10:00 KST: A (better then) up, B down, C in cooldown', () => {
    const report = replay('2026-11-10', '2026-11-10');
    const [day] = report.days;
    expect(day?.asOf).toBe('2026-11-10T01:00:00.000Z');
    // 3 campaigns × 7 days (11-03..11-09), every one stored by 11-10T00:00Z.
    expect(day?.rowsKnown).toBe(21);
    expect(day?.rowsUnknown).toBe(0);
    const krw = day?.currencies[0];
    expect(krw?.currency).toBe('KRW');
    const { A, B } = byId(krw?.changes ?? []);
    expect(Object.keys(byId(krw?.changes ?? []))).toEqual(['A', 'B']);
    // Budgets then: A 100,000 (the `from` of its 11-12 change; the listing's 120,000 is today's), B 100,000.
    expect([won(A!.fromMicros), A!.budgetSource]).toEqual([100_000, 'next-change']);
    expect([won(B!.fromMicros), B!.budgetSource]).toEqual([100_000, 'listing']);
    // A up and B down, each within maxChangePct 20%, by the same amount (the total is kept: 250,000 won).
    expect(won(A!.toMicros)).toBeGreaterThan(100_000);
    expect(won(A!.toMicros)).toBeLessThanOrEqual(120_000);
    expect(won(B!.toMicros)).toBeLessThan(100_000);
    expect(won(A!.toMicros) - 100_000).toBe(100_000 - won(B!.toMicros));
    expect([won(krw!.totalFromMicros), won(krw!.totalToMicros)]).toEqual([250_000, 250_000]);
    expect(A!.predictedDelta).toBeGreaterThan(0);
    // C changed on 11-08T03:00Z, 46 h before: inside its 72 h cooldown.
    expect(krw?.skipped).toEqual([{ key: KEY('C'), name: 'Camp C', why: expect.stringMatching(/^cooldown/) }]);
    expect(report.totals).toEqual([
      expect.objectContaining({
        currency: 'KRW',
        changes: 2,
        daysWithChanges: 1,
        increaseMicros: (BigInt(A!.toMicros) - BigInt(A!.fromMicros)).toString(),
        decreaseMicros: (BigInt(B!.fromMicros) - BigInt(B!.toMicros)).toString(),
      }),
    ]);
  });

  it("on today's (restated) values the same day would go the other way: B up, A down", () => {
    const krw = replay('2026-11-10', '2026-11-10', RULE, todaysValuesOnly(fixtureTimeline())).days[0]?.currencies[0];
    const { A, B } = byId(krw?.changes ?? []);
    expect(won(A!.toMicros)).toBeLessThan(100_000);
    expect(won(B!.toMicros)).toBeGreaterThan(100_000);
  });

  it('replays each day on its own morning: no row before it was stored, C before its change not in cooldown', () => {
    const days = replay('2026-11-03', '2026-11-08').days;
    // 11-03: nothing stored yet; the day after each day, one more row per campaign.
    expect(days.map((d) => d.rowsKnown)).toEqual([0, 3, 6, 9, 12, 15]);
    expect(days[0]?.entitiesUnseen).toBe(3);
    // Up to 11-07 fewer than minData's 5 days.
    expect(days.slice(0, 5).every((d) => d.currencies.every((c) => c.changes.length === 0))).toBe(true);
    // 11-08 10:00 KST is 11-08T01:00Z, before C's change at 03:00Z: C starts from its `from` (40,000) and may move.
    const c = byId(days[5]?.currencies[0]?.changes ?? []).C;
    expect([won(c!.fromMicros), c!.budgetSource]).toEqual([40_000, 'next-change']);
  });

  it("counts the ledger's changes of the plan's agency day against maxChangesPerAccountPerDay", () => {
    const capped = { ...RULE, constraints: { ...RULE.constraints, maxChangesPerAccountPerDay: 1 } };
    // 11-08 at 13:00 Seoul (04:00Z): C changed at 12:00 Seoul (03:00Z) the same agency day, so act_1 has no room left:
    // C is cooling and A and B are held by the cap.
    const sameDay = replayRule(
      capped,
      { accounts: [ACCOUNT], timeline: fixtureTimeline(), applied: APPLIED },
      { from: '2026-11-08', to: '2026-11-08', ...OPTIONS, runAt: '13:00' },
    ).days[0]?.currencies[0];
    expect(sameDay?.changes).toEqual([]);
    expect(sameDay?.skipped.filter((s) => /held: the account reached/.test(s.why)).map((s) => s.key)).toEqual([
      KEY('A'),
      KEY('B'),
    ]);
    // 11-09 at 10:00 Seoul, no cooldown: C's change was yesterday (agency day), 22 h before, and no longer counts, so
    // the account has one change of room: of the three moves, the two smallest are held by the cap, not all three.
    const noCooldown = { ...capped, constraints: { ...capped.constraints, cooldown: 0 } };
    const nextDay = replay('2026-11-09', '2026-11-09', noCooldown).days[0]?.currencies[0];
    expect(nextDay?.skipped.filter((s) => /held: the account reached/.test(s.why))).toHaveLength(2);
  });
});

describe('replayRule with outcomeSource tracker', () => {
  const trackerRule = ruleSchema.parse({ ...RULE_YAML, outcomeSource: { source: 'tracker', conversions: 'installs' } });
  const feeds = [
    { app: 'aos', tracker: 'adjust' as const, platform: 'meta' as const, accountId: 'act_1', timeZone: 'Asia/Seoul' },
  ].map((f) => ({ ...f, restatementWindowDays: 0 }));
  /**
   * As known on the morning of 11-10: installs per day A 10, B 40 (the media says A converts four times better than B
   * as first stored), C 5, on 11-03..11-09, all reported by the app.
   */
  const installs: Record<string, number> = { A: 10, B: 40, C: 5 };
  const known: TrackerOutcomeData = {
    conversions: 'installs',
    feeds,
    days: DAYS.flatMap((date, i) =>
      ['A', 'B', 'C'].map((id) => ({
        platform: 'meta' as const,
        accountId: 'act_1',
        campaignId: id,
        date,
        currency: 'KRW',
        // Proportional to √spend like the media's, so the curves stay concave: spend 60,000..120,000 by day.
        installs: Math.round(installs[id]! * Math.sqrt(SPEND_WON[i]! / 90_000)),
        reEngagements: 0,
        events: 0,
        revenueMicros: 0n,
        costMicros: null,
        trackerRows: 1,
      })),
    ),
    reported: [{ app: 'aos', dates: DAYS }],
  };
  const replayTracker = (byDay: Map<string, TrackerOutcomeData>) =>
    replayRule(
      trackerRule,
      { accounts: [ACCOUNT], timeline: fixtureTimeline(), applied: APPLIED, tracker: { byDay, apps: ['adjust aos'] } },
      { from: '2026-11-10', to: '2026-11-10', ...OPTIONS },
    );

  it('plans each day on the tracker figures known that morning: B (better on the tracker) up, A down', () => {
    const report = replayTracker(new Map([['2026-11-10', known]]));
    expect(report.outcomeSource).toEqual({ source: 'tracker', conversions: 'installs', apps: ['adjust aos'] });
    const { A, B } = byId(report.days[0]?.currencies[0]?.changes ?? []);
    // The media as known then says the opposite (first test of replayRule): A up, B down.
    expect(won(B!.toMicros)).toBeGreaterThan(100_000);
    expect(won(A!.toMicros)).toBeLessThan(100_000);
  });

  it('with no tracker figure known that morning, plans nothing and says why', () => {
    const krw = replayTracker(new Map()).days[0]?.currencies[0];
    expect(krw?.changes).toEqual([]);
    // C is in its cooldown as well; the tracker's reason is checked first.
    expect(krw?.skipped.map((s) => [s.key, s.why.split(':')[0]])).toEqual([
      [KEY('A'), 'no tracker data'],
      [KEY('B'), 'no tracker data'],
      [KEY('C'), 'no tracker data'],
    ]);
  });
});
