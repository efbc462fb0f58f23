import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { withTrackerAfter } from '../../src/activities/tracker-outcomes';
import { ruleAssessments } from '../../src/cli/rules-command';
import { loadTrackersConfig } from '../../src/config/trackers';
import { addDays, dateInZone } from '../../src/domain/dates';
import { explainText } from '../../src/domain/rebalance/explain';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import type { TrackerDailyRow } from '../../src/domain/trackers';
import { gatherExplanation } from '../../src/reports/plan-explanation';
import { findPlanInputs } from '../../src/storage/budget-store';
import type { MetricRow } from '../../src/domain/metrics';
import { COLLECTIONS } from '../../src/storage/mongo';
import { joinedTrackerFiguresKnownAt } from '../../src/storage/tracker-joined';
import { upsertTrackerRows } from '../../src/storage/tracker-store';
import { outcomesOfRule } from '../../src/storage/trust-store';
import type { RebalanceState } from '../../src/workflows/messages';
import { DALBIT_RULE, pullDalbitHistory, whenPlanned } from '../helpers/rebalance';
import { useTestEnv } from '../helpers/test-env';
import { trackersConfig } from '../helpers/trackers';

/**
 * A rule that takes its outcome from the tracker, on the real Temporal server and database: Dalbit's Naver, Kakao and
 * TikTok campaigns (35 days pulled from the budget-driven sandbox) and an Adjust app whose campaigns map onto them by
 * id. The tracker rows are written into tracker_daily by the test (the pulls are tested in test/trackers), so the
 * tracker can say what the media does not: that campaign X, which the media's own conversions rate worst, converts
 * ten times better.
 */
const APP = 'dalbit-test-app';
const base = trackersConfig();
const env = useTestEnv({
  trackers: {
    ...base,
    apps: [
      ...base.apps,
      {
        id: APP,
        advertiser: 'dalbit-foods',
        tracker: 'adjust',
        appId: 'dalbittest01',
        name: 'Dalbit test app',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        credentials: { apiToken: 'ADJUST_API_TOKEN' },
      },
    ],
    mappings: [
      ...base.mappings,
      { app: APP, mediaSources: ['Naver'], platform: 'naver', accountIds: ['7654321'], matchById: true, nameRules: [] },
      { app: APP, mediaSources: ['Kakao'], platform: 'kakao', accountIds: ['20000'], matchById: true, nameRules: [] },
      {
        app: APP,
        mediaSources: ['TikTok'],
        platform: 'tiktok',
        accountIds: ['7000000000000000001'],
        matchById: true,
        nameRules: [],
      },
    ],
  },
});

const date = dateInZone(new Date(), 'Asia/Seoul');
const SOURCE = { naver: 'Naver', kakao: 'Kakao', tiktok: 'TikTok' } as Record<string, string>;
const MEDIA = { ...DALBIT_RULE, id: 'dalbit-media', level: 'shadow' };
const TRACKER = { ...MEDIA, id: 'dalbit-tracker', outcomeSource: { source: 'tracker', conversions: 'installs' } };
// Three settled days after a change make its outcome; the bar is not what this file tests.
const PROMOTION = { ...DALBIT_RULE.promotion, outcomeDays: 3 };

function writeRules(rules: Array<Record<string, unknown>>): void {
  writeFileSync(path.join(env.configDir, 'rules.yaml'), stringify({ killSwitch: false, rules }));
}

let runs = 0;
async function plan(ruleId: string, input: Record<string, unknown> = {}): Promise<PlanRecord> {
  runs += 1;
  const handle = await env.client.workflow.start('rebalanceBudgets', {
    taskQueue: env.taskQueue,
    workflowId: `rebalance:dalbit-foods:${date}:${env.taskQueue}:${ruleId}:${runs}`,
    args: [{ advertiserId: 'dalbit-foods', ruleId, ...input }],
  });
  const state: RebalanceState = input.dryRun ? await whenPlanned(handle) : ((await handle.result()) as RebalanceState);
  expect(state.plans).toHaveLength(1);
  return state.plans[0] as PlanRecord;
}

const change = (p: PlanRecord, entityId: string) => p.proposals.find((x) => x.entityId === entityId)?.changePct ?? 0;

/** Installs the test's tracker reports for a campaign-day: the media's conversions, ten times over (+10) for X. */
const installsFor = (row: MetricRow, x: string) =>
  row.entityId === x ? Math.round(row.conversions * 10) + 10 : Math.round(row.conversions);

describe('rebalanceBudgets with outcomeSource tracker', () => {
  let x = '';
  const installs = new Map<string, number>(); // entityId|date → installs written

  beforeAll(async () => {
    await pullDalbitHistory(env, date);
    writeRules([MEDIA, TRACKER]);
  });

  it('with no tracker data yet, plans nothing and says so for every campaign', async () => {
    const empty = await plan(TRACKER.id);
    expect(empty.status).toBe('empty');
    expect(empty.proposals).toEqual([]);
    // Every campaign with a budget of its own says it has no tracker data (the others never had a budget to move).
    const noData = `no tracker data: adjust ${APP} reported nothing for this campaign on the days read`;
    expect(empty.skipped.filter((s) => s.why === noData).length).toBeGreaterThan(5);
    for (const s of empty.skipped)
      expect([s.key, s.why]).toEqual([s.key, s.why.startsWith('no daily budget of its own') ? s.why : noData]);
    expect(empty.outcomeSource).toEqual({ source: 'tracker', conversions: 'installs', apps: [`adjust ${APP}`] });
  });

  it('plans on the tracker’s figures: budget moves toward the campaign the tracker credits, not the media', async () => {
    // X: the campaign the media's own figures cut the most.
    const media = await plan(MEDIA.id);
    const cut = [...media.proposals].sort((a, b) => a.changePct - b.changePct)[0]!;
    expect(cut.changePct).toBeLessThan(0);
    x = cut.entityId;

    // The tracker: every stored campaign-day of the three accounts, by campaign id, in KRW.
    const rows = (await env.database.db
      .collection<MetricRow>(COLLECTIONS.metricsDaily)
      .find({ advertiserId: 'dalbit-foods', level: 'campaign' })
      .toArray()) as MetricRow[];
    const tracker: TrackerDailyRow[] = rows
      .filter((r) => SOURCE[r.platform])
      .map((r) => {
        installs.set(`${r.entityId}|${r.date}`, installsFor(r, x));
        return {
          tracker: 'adjust',
          app: APP,
          appId: 'dalbittest01',
          advertiserId: 'dalbit-foods',
          mediaSource: SOURCE[r.platform]!,
          campaignId: r.entityId,
          campaignName: r.entityName,
          date: r.date,
          dateBasis: 'activity',
          timeZone: 'Asia/Seoul',
          currency: 'KRW',
          installs: installsFor(r, x),
          reEngagements: 0,
          events: 0,
          eventCounts: [],
          revenueMicros: 0n,
          costMicros: null,
          mature: false,
        };
      });
    expect(tracker.length).toBeGreaterThan(300);
    const seededAt = new Date();
    await upsertTrackerRows(env.database.db, tracker, 'test', undefined, seededAt);

    // As the backtest reads them: nothing known a moment before the rows were first stored, all of them at that moment.
    const config = env.config();
    const day = addDays(date, -10);
    const [before, at] = await joinedTrackerFiguresKnownAt(
      env.database.db,
      loadTrackersConfig(config.dir, config.accounts),
      { advertiserId: 'dalbit-foods', dates: [day] },
      [new Date(seededAt.getTime() - 1), seededAt],
    );
    expect(before!.days).toEqual([]);
    expect(before!.reported?.find((r) => r.app === APP)?.dates).toEqual([]);
    expect(at!.reported?.find((r) => r.app === APP)?.dates).toEqual([day]);
    const xThen = at!.days.filter((d) => d.campaignId === x);
    expect(xThen.map((d) => [d.app, d.date, d.installs])).toEqual([[APP, day, installs.get(`${x}|${day}`)]]);

    const fromTracker = await plan(TRACKER.id);
    expect(fromTracker.status).toBe('shadow');
    expect(
      change(fromTracker, x),
      fromTracker.proposals.map((p) => `${p.entityId} ${p.changePct}`).join(', '),
    ).toBeGreaterThan(0);
    // The same data, planned on the media's figures: X is still cut.
    expect(change(await plan(MEDIA.id), x)).toBeLessThan(0);

    // What the curve saw for X is the tracker's count, day by day (installs as written above), with the media spend.
    const inputs = (await findPlanInputs(env.database.db, fromTracker.planId))?.inputs as {
      entities: Array<{ id: string; history: Array<{ date: string; conversions: number }> }>;
    };
    const history = inputs.entities.find((e) => e.id.endsWith(`|${x}`))?.history ?? [];
    // Adjust restates 7 days: of the 28-day lookback (1 to 28 days back) 7 to 28 days back are settled, 22 days.
    expect(history.length).toBeGreaterThanOrEqual(7);
    expect(history.length).toBeLessThanOrEqual(22);
    for (const h of history) expect([h.date, h.conversions]).toEqual([h.date, installs.get(`${x}|${h.date}`)]);
    expect(history.every((h) => h.date <= addDays(date, -7))).toBe(true);
  });

  it('measures an applied tracker plan’s realised outcome on the tracker’s figures, and explain says so', async () => {
    expect(x).not.toBe('');
    const applied = {
      ...TRACKER,
      id: 'dalbit-tracker-auto',
      level: 'auto',
      autoCeilingPct: 1000,
      promotion: PROMOTION,
    };
    writeRules([applied]);
    // Made for 20 days ago, so three settled days after it exist on both sides (Adjust settles after 7).
    const made = await plan(applied.id, { date: addDays(date, -20) });
    expect(made.status, made.decision?.reason).toBe('applied');
    expect(change(made, x)).toBeGreaterThan(0);

    const [assessed] = await ruleAssessments(env.database.db, env.config(), applied.id);
    expect(assessed).toBeDefined();
    const outcomes = await outcomesOfRule(env.database.db, applied.id, made.ruleVersion);
    expect(outcomes.map((o) => o.key).sort()).toEqual(made.proposals.map((p) => p.key).sort());
    const ofX = outcomes.find((o) => o.key.endsWith(`|${x}`))!;
    const after = [1, 2, 3].map((i) => addDays(made.date, i));
    expect(ofX).toMatchObject({ unit: 'tracker installs', days: 3, firstDay: after[0], lastDay: after[2] });
    // After: the installs written for X on the three days after the plan's day; before: those of its fitted days.
    const written = (d: string) => installs.get(`${x}|${d}`) ?? 0;
    expect(ofX.afterPerDay).toBeCloseTo(after.reduce((s, d) => s + written(d), 0) / 3, 9);
    const inputs = (await findPlanInputs(env.database.db, made.planId))?.inputs as {
      entities: Array<{ id: string; history: Array<{ date: string }> }>;
    };
    const fitted = inputs.entities.find((e) => e.id.endsWith(`|${x}`))!.history.map((h) => h.date);
    expect(ofX.beforePerDay).toBeCloseTo(fitted.reduce((s, d) => s + written(d), 0) / fitted.length, 9);

    const config = env.config();
    const explained = await withTrackerAfter(
      env.database.db,
      () => loadTrackersConfig(config.dir, config.accounts),
      await gatherExplanation(env.database.db, made.planId),
      new Date(),
    );
    const text = explainText(explained);
    expect(text).toContain(
      `outcome source: the tracker (adjust ${APP}): installs as conversions and its revenue, with the media's spend, per campaign-day`,
    );
    // From the plan's day to the last day Adjust has settled (7 days back), with the installs written.
    const evX = explained.evidence.get(made.proposals.find((p) => p.entityId === x)!.key)!;
    const settledDays = Array.from({ length: 14 }, (_, i) => addDays(made.date, i)).filter((d) => written(d) > 0);
    expect(evX.after?.days).toBe(settledDays.length);
    expect(evX.after?.outcome).toBe(settledDays.reduce((s, d) => s + written(d), 0));
  });
});
