import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import type { MetricRow } from '../../../src/domain/metrics';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { naverAdgroups } from '../../../src/platforms/naver/sandbox/adgroup-data';
import { naverCampaigns } from '../../../src/platforms/naver/sandbox/data';
import { platformTruth, type TruthRow } from '../../../src/sandbox/truth';
import type { EntitySnapshot } from '../../../src/domain/metrics';
import { COLLECTIONS } from '../../../src/storage/mongo';
import type { PullAccountResult } from '../../../src/workflows/pull-account';
import { expectAdSetsAddUpToCampaigns, expectRowsMatchTruth } from '../../helpers/assertions';
import { useTestEnv, SANDBOX_CREDENTIALS } from '../../helpers/test-env';

const DAY_MS = 86_400_000;

describe('Naver Search Ad pulls on the real Temporal server and database', () => {
  // Closed KST days: Naver reports in KST for every customer.
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -6);

  const env = useTestEnv();

  const pull = (accountId: string, id: string) =>
    env.client.workflow.execute('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `${id}:${env.taskQueue}`,
      args: [{ platform: 'naver', accountId, from, to }],
    }) as Promise<PullAccountResult>;
  const truth = (accountId: string) =>
    platformTruth(env.world, 'naver', accountId, from, to, env.sandbox.state.now(), env.sandbox.state.mutations);

  it('stores exactly what Naver reports at both levels: whole won in micros, VAT-inclusive, KST dates', async () => {
    const result = await pull('1234567', 'naver-exact');
    const expected = truth('1234567');
    expect(expected.filter((t) => t.level === 'campaign').length).toBeGreaterThan(20);
    expect(expected.filter((t) => t.level === 'adset').length).toBeGreaterThan(20);
    expect(result.rows).toBe(expected.length);
    const customer = env.world.naver!.accounts.find((a) => a.id === '1234567')!;
    const campaigns = naverCampaigns(env.world.seed, customer);
    const adgroups = campaigns.flatMap((c) => naverAdgroups(env.world.seed, customer, c));
    expect(result.entities).toBe(campaigns.length + adgroups.length);
    expect(result.counts).toEqual({ inserted: expected.length, updated: 0, unchanged: 0 });
    await expectRowsMatchTruth(env.database.db, '1234567', from, to, expected, 'naver');
    const stored = await env.database.db
      .collection<MetricRow>(COLLECTIONS.metricsDaily)
      .find({ platform: 'naver', accountId: '1234567' })
      .toArray();
    for (const row of stored) {
      expect(row).toMatchObject({ currency: 'KRW', timeZone: 'Asia/Seoul', vatIncluded: true });
      if (row.level === 'campaign') {
        expect(row.entityId).toMatch(/^cmp-a001-01-\d{15}$/);
        expect(row).not.toHaveProperty('campaignId');
      } else {
        expect(row.level).toBe('adset');
        expect(row.entityId).toMatch(/^grp-a001-01-\d{15}$/);
        expect(row.campaignId).toMatch(/^cmp-a001-01-\d{15}$/);
      }
      expect(row.spendMicros % 1_000_000n).toBe(0n); // whole won
    }
    // Ad group rows of a day add up exactly to their campaign's row: Naver reports whole won at both levels.
    const { campaignRows } = await expectAdSetsAddUpToCampaigns(env.database.db, 'naver', '1234567', from, to);
    expect(new Set(stored.filter((r) => r.level === 'adset').map((r) => r.campaignId))).toEqual(
      new Set(campaignRows.map((r) => r.entityId)),
    );
    // Entities: every ad group stored under its campaign, with its own budget only where the campaign has none.
    const entities = await env.database.db
      .collection<EntitySnapshot>(COLLECTIONS.entities)
      .find({ platform: 'naver', accountId: '1234567', level: 'adset' })
      .toArray();
    expect(entities.map((e) => e.entityId).sort()).toEqual(adgroups.map((g) => g.id).sort());
    for (const group of adgroups) {
      expect(entities.find((e) => e.entityId === group.id)).toMatchObject({
        campaignId: group.nccCampaignId,
        name: group.name,
        dailyBudgetMicros: group.dailyBudgetMicros,
      });
    }
    // Raw pulls keep no credential: not the license, not the secret, not a signature header.
    const raw = JSON.stringify(await env.database.db.collection(COLLECTIONS.rawPulls).find({}).toArray());
    expect(raw).not.toContain(SANDBOX_CREDENTIALS.NAVER_API_KEY as string);
    expect(raw).not.toContain(SANDBOX_CREDENTIALS.NAVER_SECRET_KEY as string);
    expect(raw).not.toContain('X-Signature');
  });

  it('restatement: a later pull updates exactly the rows whose values Naver changed', async () => {
    const before = truth('1234567');
    env.sandbox.state.clockOffsetMs = 5 * DAY_MS; // every day of the range is now past the 3-day window
    try {
      const after = truth('1234567');
      const changed = countChanged(before, after);
      expect(changed).toBeGreaterThan(0);
      // Ad groups restate together with their campaign: both levels have changed rows.
      const changedLevels = after.filter((r) => countChanged(before, [r]) > 0).map((r) => r.level);
      expect(new Set(changedLevels)).toEqual(new Set(['campaign', 'adset']));
      const result = await pull('1234567', 'naver-restated');
      // The engine's own clock did not move, so `mature` flags are unchanged: only restated values count.
      expect(result.counts.updated).toBe(changed);
      expect(result.counts).toEqual({ inserted: 0, updated: changed, unchanged: after.length - changed });
      await expectRowsMatchTruth(env.database.db, '1234567', from, to, after, 'naver');
    } finally {
      env.sandbox.state.clockOffsetMs = 0;
    }
  });

  it('fails a revoked API license fast: AdApiAuthError, non-retryable, one attempt, naming platform and account', async () => {
    env.sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [SANDBOX_CREDENTIALS.NAVER_API_KEY as string] };
    try {
      const workflowId = `naver-expired:${env.taskQueue}`;
      const error = await pull('7654321', 'naver-expired').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = (
        (error as WorkflowFailedError).cause as { cause?: { type?: string; message: string; nonRetryable?: boolean } }
      ).cause;
      expect(root?.type).toBe('AdApiAuthError');
      expect(root?.nonRetryable).toBe(true);
      expect(root?.message).toContain('naver account 7654321');
      expect(root?.message).toContain('Invalid API-KEY');
      expect(root?.message).not.toContain(SANDBOX_CREDENTIALS.NAVER_API_KEY as string);
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const attempts = history.events
        ?.filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      expect(attempts?.filter((a) => a !== undefined)).toEqual([1]); // one pull attempt, not retried
    } finally {
      env.sandbox.state.faults = { ...NO_FAULTS };
    }
  });
});

/** Rows of either level whose reported values differ (conversions restated upward, ad groups with their campaign). */
function countChanged(before: TruthRow[], after: TruthRow[]): number {
  const key = (r: TruthRow) => `${r.level}|${r.entityId}|${r.date}`;
  const earlier = new Map(before.map((r) => [key(r), r]));
  return after.filter((r) => {
    const b = earlier.get(key(r));
    return (
      !b ||
      b.impressions !== r.impressions ||
      b.clicks !== r.clicks ||
      b.spendMicros !== r.spendMicros ||
      b.conversions !== r.conversions ||
      b.conversionValueMicros !== r.conversionValueMicros
    );
  }).length;
}
