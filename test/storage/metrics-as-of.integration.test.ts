import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createBacktestActivities } from '../../src/activities/backtest';
import { accountsFileSchema } from '../../src/config/schema';
import { replayRule, type BacktestChange } from '../../src/domain/rebalance/backtest';
import { upsertEntities } from '../../src/storage/entities-store';
import {
  findAccountDaysAsOf,
  readMetricTimeline,
  writeMetricRevisions,
  type StoredMetricRevision,
} from '../../src/storage/metrics-history';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { COLLECTIONS } from '../../src/storage/mongo';
import {
  ACCOUNT,
  APPLIED,
  DAYS,
  fixtureRows,
  KEY,
  metricRow,
  RESTATED_AT,
  RULE,
  RULE_YAML,
  todaysValuesOnly,
  WON,
} from '../domain/rebalance/backtest-fixture';
import { useTestEnv } from '../helpers/test-env';

/**
 * metrics_history and as-of reads on the real database (FerretDB in the shared stack): rows written through the
 * real upsert at chosen times, restated by a second upsert, then read as of before and after the restatement, and a
 * backtest through the activity on the fixture of test/domain/rebalance/backtest-fixture.ts.
 */
const env = useTestEnv({
  workers: false,
  accounts: accountsFileSchema.parse({
    timeZone: 'Asia/Seoul',
    advertisers: [
      {
        id: 'acme',
        name: 'Acme',
        accounts: [
          {
            platform: 'meta',
            accountId: 'act_1',
            name: 'Acme KR',
            currency: 'KRW',
            timeZone: 'Asia/Seoul',
            credentials: { accessToken: 'META_TOKEN' },
          },
        ],
      },
    ],
  }),
});

const byId = (changes: BacktestChange[]) => Object.fromEntries(changes.map((c) => [c.entityId, c]));
const won = (micros: string | bigint) => Number(BigInt(micros) / WON);

describe('metrics as of a time', () => {
  const date = '2026-10-01';
  const T0 = new Date('2026-10-02T00:00:00Z');
  const T1 = new Date('2026-10-05T00:00:00Z');
  const query = { platform: 'meta' as const, accountId: 'act_9', level: 'campaign' as const, dates: [date] };
  const asOf = async (at: Date) =>
    (await findAccountDaysAsOf(env.database.db, { ...query, asOf: at })).rows
      .map((r) => [r.entityId, won(r.spendMicros), r.conversions])
      .sort();

  beforeAll(async () => {
    const db = env.database.db;
    const first = [
      { ...metricRow('X', date, 10_000, 3), accountId: 'act_9' },
      { ...metricRow('Y', date, 20_000, 4), accountId: 'act_9' },
    ];
    // X restated (3 → 5 conversions, spend 10,000 → 10,500), Y unchanged.
    const second = [
      { ...metricRow('X', date, 10_500, 5), accountId: 'act_9' },
      { ...metricRow('Y', date, 20_000, 4), accountId: 'act_9' },
    ];
    expect(await upsertMetricRows(db, first, 'pull-1', undefined, T0)).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await upsertMetricRows(db, second, 'pull-2', undefined, T1)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
  });

  it('returns the old value for a time before the restatement and the new one now', async () => {
    expect(await asOf(new Date('2026-10-01T23:59:59Z'))).toEqual([]);
    expect(await asOf(new Date('2026-10-03T00:00:00Z'))).toEqual([
      ['X', 10_000, 3],
      ['Y', 20_000, 4],
    ]);
    expect(await asOf(new Date())).toEqual([
      ['X', 10_500, 5],
      ['Y', 20_000, 4],
    ]);
    // Now is what metrics_daily holds.
    const current = await env.database.db.collection(COLLECTIONS.metricsDaily).find({ accountId: 'act_9' }).toArray();
    expect(current.map((d) => [d.entityId, d.conversions, d.revision]).sort()).toEqual([
      ['X', 5, 2],
      ['Y', 4, 1],
    ]);
  });

  it('copies the revision a restatement overwrote, with its write time and pull; new and unchanged rows add none', async () => {
    const history = await env.database.db.collection(COLLECTIONS.metricsHistory).find({ accountId: 'act_9' }).toArray();
    expect(history.map((d) => [d._id, d.conversions, d.revision, d.pulledAt.toISOString(), d.rawPullId])).toEqual([
      [`meta|act_9|campaign|X|${date}|1`, 3, 1, T0.toISOString(), 'pull-1'],
    ]);
  });

  it('a copy written again (a retried page) is skipped: no error, no duplicate', async () => {
    const db = env.database.db;
    const [doc] = await db
      .collection<StoredMetricRevision>(COLLECTIONS.metricsHistory)
      .find({ _id: `meta|act_9|campaign|X|${date}|1` })
      .toArray();
    await writeMetricRevisions(db, [{ ...(doc as StoredMetricRevision), rawPullId: 'pull-1-retry' }]);
    const again = await db.collection(COLLECTIONS.metricsHistory).find({ accountId: 'act_9' }).toArray();
    expect(again.map((d) => [d._id, d.rawPullId])).toEqual([[`meta|act_9|campaign|X|${date}|1`, 'pull-1']]);
  });
});

describe('adops rules backtest over a restated period', () => {
  beforeAll(async () => {
    const db = env.database.db;
    writeFileSync(path.join(env.configDir, 'rules.yaml'), stringify({ rules: [RULE_YAML] }));
    await upsertEntities(
      db,
      ACCOUNT.entities.map((e) => ({
        platform: 'meta',
        accountId: 'act_1',
        advertiserId: 'acme',
        level: 'campaign',
        entityId: e.entityId,
        name: e.name,
        status: 'ACTIVE',
        currency: 'KRW',
        dailyBudgetMicros: e.currentBudgetMicros,
      })),
    );
    // The ledger as the apply activity leaves it, at the fixture's times.
    await db.collection(COLLECTIONS.budgetLedger).insertMany(
      APPLIED.map((c, i) => ({
        _id: `plan-${i}#${c.key}` as never,
        planId: `plan-${i}`,
        key: c.key,
        platform: 'meta',
        accountId: c.accountId,
        level: 'campaign',
        entityId: c.key.split('|')[3],
        fromMicros: c.fromMicros.toString(),
        toMicros: c.toMicros.toString(),
        readBackMicros: c.toMicros.toString(),
        status: 'applied',
        attempts: 1,
        createdAt: c.appliedAt,
        updatedAt: c.appliedAt,
        appliedAt: c.appliedAt,
      })),
    );
    // One pull a day, then the restatement of B's days, through the real upsert.
    const { first, restated } = fixtureRows();
    for (const day of DAYS) {
      const rows = first.filter((f) => f.row.date === day);
      await upsertMetricRows(
        db,
        rows.map((f) => f.row),
        `pull-${day}`,
        undefined,
        rows[0]?.at,
      );
    }
    expect(await upsertMetricRows(db, restated, 'pull-restated', undefined, RESTATED_AT)).toMatchObject({
      updated: 7,
    });
  });

  const backtest = () =>
    createBacktestActivities({
      db: env.database.db,
      loadConfig: env.config,
      now: () => new Date('2026-11-30T00:00:00Z'),
    }).backtestRule({ ruleId: 'bt', from: '2026-11-10', to: '2026-11-10' });

  it('plans 2026-11-10 on the values known at 10:00 KST that day, not on the restated ones', async () => {
    const report = await backtest();
    const day = report.days[0];
    expect(day?.asOf).toBe('2026-11-10T01:00:00.000Z');
    expect([day?.rowsKnown, day?.rowsUnknown, day?.entitiesUnseen]).toEqual([21, 0, 0]);
    const krw = day?.currencies[0];
    const { A, B } = byId(krw?.changes ?? []);
    // Known then: A (√spend/10) four times better than B (√spend/40): A up and B down from 100,000 each.
    expect([won(A!.fromMicros), A!.budgetSource, won(B!.fromMicros), B!.budgetSource]).toEqual([
      100_000,
      'next-change',
      100_000,
      'listing',
    ]);
    expect(won(A!.toMicros)).toBeGreaterThan(100_000);
    expect(won(A!.toMicros)).toBeLessThanOrEqual(120_000);
    expect(won(B!.toMicros)).toBeLessThan(100_000);
    expect(won(A!.toMicros) - 100_000).toBe(100_000 - won(B!.toMicros));
    expect(krw?.skipped.map((s) => [s.key, s.why.split(':')[0]])).toEqual([[KEY('C'), 'cooldown']]);
  });

  it("would go the other way on today's rows: B's restated days make B the better campaign", async () => {
    // What metrics_daily holds today for B on 11-05 (spend 80,000): √80,000/4 = 70.71 conversions, not /40 = 7.07.
    const b = await env.database.db
      .collection(COLLECTIONS.metricsDaily)
      .findOne({ _id: 'meta|act_1|campaign|B|2026-11-05' as never });
    expect(b?.conversions).toBe(70.71);
    const timeline = await readMetricTimeline(env.database.db, {
      platform: 'meta',
      accountId: 'act_1',
      level: 'campaign',
    });
    const today = replayRule(
      RULE,
      { accounts: [ACCOUNT], timeline: todaysValuesOnly(timeline), applied: APPLIED },
      { from: '2026-11-10', to: '2026-11-10', runAt: '10:00', timeZone: 'Asia/Seoul' },
    );
    const { A, B } = byId(today.days[0]?.currencies[0]?.changes ?? []);
    expect(won(A!.toMicros)).toBeLessThan(100_000);
    expect(won(B!.toMicros)).toBeGreaterThan(100_000);
  });

  it('refuses a rule not in config and a day whose run has not happened, naming them', async () => {
    const activities = createBacktestActivities({
      db: env.database.db,
      loadConfig: env.config,
      now: () => new Date('2026-11-10T00:59:00Z'),
    });
    await expect(activities.backtestRule({ ruleId: 'nope', from: '2026-11-01', to: '2026-11-02' })).rejects.toThrow(
      /rule: "nope" is not in config\/rules.yaml/,
    );
    await expect(activities.backtestRule({ ruleId: 'bt', from: '2026-11-10', to: '2026-11-10' })).rejects.toThrow(
      /to: the rule's run on 2026-11-10 at 10:00 Asia\/Seoul \(2026-11-10T01:00:00.000Z\) has not happened yet/,
    );
    await expect(
      activities.backtestRule({ ruleId: 'bt', from: '2026-11-05', to: '2026-11-01', runAt: '9am' }),
    ).rejects.toThrow(/at: "9am" is not a time of day/);
  });
});
