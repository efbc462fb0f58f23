import { ruleSchema, type RuleConfig } from '../../../src/config/rules-schema';
import type { MetricRow } from '../../../src/domain/metrics';
import type { CurrentMetricRow, MetricRevision, MetricTimeline } from '../../../src/domain/metrics-as-of';
import type { BacktestAccount, LedgerChange } from '../../../src/domain/rebalance/backtest';

/**
 * A Meta KRW account with campaigns A, B and C, planned by a maxConversions rule that reads the 7 days before each
 * day (settled or not), and replayed on 2026-11-10 at 10:00 Asia/Seoul = 2026-11-10T01:00:00Z.
 *
 * Each day X of 11-03..11-09 is first stored on X+1 at 00:00Z (09:00 KST), spend 60,000 to 120,000 won by day:
 * - A: conversions = √spend / 10 (at 100,000 won: 31.6 a day).
 * - B: as first stored, √spend / 40 (7.9 a day at 100,000): four times worse than A. On 2026-11-12T00:00Z the
 *   platform restated every one of B's days to √spend / 4 (79 a day): ten times more, and 2.5 times better than A.
 * - C: √spend / 20, and a change applied on 2026-11-08T03:00Z (40,000 → 50,000): within the 72 h cooldown on 11-10.
 * Budgets: B 100,000 in the listing and never changed by the engine; A 100,000 → 120,000 applied on 2026-11-12T05:00Z
 * (the listing now says 120,000; on 11-10 it was 100,000); C 50,000.
 *
 * So on 11-10, as known then, A is the better campaign and B the worse: A up, B down, C held (cooldown), from
 * 100,000 / 100,000 / 50,000. On today's values B is the better one: B up, A down, and A would start from 120,000.
 */
export const WON = 1_000_000n;
export const SPEND_WON = [60_000, 70_000, 80_000, 90_000, 100_000, 110_000, 120_000];
export const DAYS = ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09'];
export const RESTATED_AT = new Date('2026-11-12T00:00:00Z');
export const KEY = (id: string) => `meta|act_1|campaign|${id}`;

/** As written in rules.yaml. */
export const RULE_YAML = {
  id: 'bt',
  advertiserId: 'acme',
  scope: { platforms: ['meta'], level: 'campaign' },
  objective: { kind: 'maxConversions' },
  lookbackDays: 7,
  includeUnsettled: true,
  minData: { days: 5, conversions: 1 },
  constraints: { maxChangePct: 20, cooldown: '72h' },
  level: 'shadow',
};
export const RULE: RuleConfig = ruleSchema.parse(RULE_YAML);

export const ACCOUNT: BacktestAccount = {
  platform: 'meta',
  accountId: 'act_1',
  currency: 'KRW',
  rules: { unitMicros: WON, minDailyMicros: WON, overspendFactor: 1 },
  entities: [
    { key: KEY('A'), level: 'campaign', entityId: 'A', name: 'Camp A', currentBudgetMicros: 120_000n * WON },
    { key: KEY('B'), level: 'campaign', entityId: 'B', name: 'Camp B', currentBudgetMicros: 100_000n * WON },
    { key: KEY('C'), level: 'campaign', entityId: 'C', name: 'Camp C', currentBudgetMicros: 50_000n * WON },
  ],
};

export const APPLIED: LedgerChange[] = [
  {
    key: KEY('C'),
    accountId: 'act_1',
    fromMicros: 40_000n * WON,
    toMicros: 50_000n * WON,
    appliedAt: '2026-11-08T03:00:00.000Z',
  },
  {
    key: KEY('A'),
    accountId: 'act_1',
    fromMicros: 100_000n * WON,
    toMicros: 120_000n * WON,
    appliedAt: '2026-11-12T05:00:00.000Z',
  },
];

export function metricRow(entityId: string, date: string, spendWon: number, conversions: number): MetricRow {
  return {
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'acme',
    level: 'campaign',
    entityId,
    entityName: `Camp ${entityId}`,
    date,
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    impressions: spendWon / 10,
    clicks: spendWon / 1000,
    spendMicros: BigInt(spendWon) * WON,
    conversions,
    conversionValueMicros: 0n,
    mature: false,
  };
}

/** Conversions as a platform reports them: two decimals. */
const conv = (spendWon: number, divisor: number) => Math.round((Math.sqrt(spendWon) / divisor) * 100) / 100;

/** Every row as first stored (B at √spend/40), and B's rows as restated on RESTATED_AT (√spend/4). */
export function fixtureRows(): { first: Array<{ row: MetricRow; at: Date }>; restated: MetricRow[] } {
  const first: Array<{ row: MetricRow; at: Date }> = [];
  const restated: MetricRow[] = [];
  DAYS.forEach((date, i) => {
    const spend = SPEND_WON[i] as number;
    const at = new Date(`${date}T00:00:00Z`);
    at.setUTCDate(at.getUTCDate() + 1);
    first.push({ row: metricRow('A', date, spend, conv(spend, 10)), at });
    first.push({ row: metricRow('B', date, spend, conv(spend, 40)), at });
    first.push({ row: metricRow('C', date, spend / 2, conv(spend / 2, 20)), at });
    restated.push(metricRow('B', date, spend, conv(spend, 4)));
  });
  return { first, restated };
}

const rowId = (r: MetricRow) => `meta|act_1|campaign|${r.entityId}|${r.date}`;

/** The timeline the storage would hold after those writes (what readMetricTimeline returns). */
export function fixtureTimeline(): MetricTimeline {
  const { first, restated } = fixtureRows();
  // History keeps what the restatement overwrote: B's first revisions.
  const revisions: MetricRevision[] = first
    .filter(({ row }) => row.entityId === 'B')
    .map(({ row, at }) => ({ rowId: rowId(row), revision: 1, pulledAt: at, row }));
  const current: CurrentMetricRow[] = first.map(({ row, at }) => {
    const now = restated.find((r) => rowId(r) === rowId(row));
    return now
      ? { rowId: rowId(row), revision: 2, firstSeenAt: at, updatedAt: RESTATED_AT, row: now }
      : { rowId: rowId(row), revision: 1, firstSeenAt: at, updatedAt: at, row };
  });
  return { current, revisions };
}

/** Today's rows only, as if nothing but metrics_daily were kept (each row known since it was first stored). */
export function todaysValuesOnly(timeline: MetricTimeline): MetricTimeline {
  return {
    current: timeline.current.map((c) => ({ ...c, revision: 1, updatedAt: c.firstSeenAt })),
    revisions: [],
  };
}
