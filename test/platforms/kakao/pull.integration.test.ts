import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { kakaoAdGroups, kakaoCampaigns } from '../../../src/platforms/kakao/sandbox/data';
import { platformTruth, type TruthRow } from '../../../src/sandbox/truth';
import type { EntitySnapshot } from '../../../src/domain/metrics';
import { COLLECTIONS } from '../../../src/storage/mongo';
import type { PullAccountResult } from '../../../src/workflows/pull-account';
import { expectAdSetsAddUpToCampaigns, expectRowsMatchTruth } from '../../helpers/assertions';
import { useTestEnv, SANDBOX_CREDENTIALS } from '../../helpers/test-env';

const KST = 'Asia/Seoul';
const TOKEN = SANDBOX_CREDENTIALS.KAKAO_BUSINESS_TOKEN as string;

/** The sandbox clock offset that makes its "now" a given KST wall-clock time. */
const offsetTo = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+09:00`) - Date.now();

describe('Kakao Moment pulls against the sandbox', () => {
  // Closed and settled in KST on the real clock (Kakao settles a day at 08:00 KST the next day).
  const to = addDays(dateInZone(new Date(), KST), -2);

  const env = useTestEnv();

  const pull = (id: string, accountId: string, from: string, until: string) =>
    env.client.workflow.execute('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `${id}:${env.taskQueue}`,
      args: [{ platform: 'kakao', accountId, from, to: until }],
    }) as Promise<PullAccountResult>;
  const truth = (accountId: string, from: string, until: string) =>
    platformTruth(env.world, 'kakao', accountId, from, until, env.sandbox.state.now(), env.sandbox.state.mutations);
  const clearMetrics = () => env.database.db.collection(COLLECTIONS.metricsDaily).deleteMany({ platform: 'kakao' });

  it('stores exactly the ground truth of campaigns and ad groups over two 31-day report windows, with budgets from the details', async () => {
    const from = addDays(to, -39);
    const result = await pull('kakao-truth', '10000', from, to);
    const expected = truth('10000', from, to);
    expect(expected.filter((t) => t.level === 'campaign').length).toBeGreaterThan(100);
    expect(expected.filter((t) => t.level === 'adset').length).toBeGreaterThan(100);
    expect(result.rows).toBe(expected.length);
    expect(result.counts).toEqual({ inserted: expected.length, updated: 0, unchanged: 0 });
    await expectRowsMatchTruth(env.database.db, '10000', from, to, expected, 'kakao');

    // Pages: the campaign list and one detail per campaign; one ad group list per campaign and one detail per ad
    // group; then per level one report call per 31-day window × batch of 20 ids.
    const account = env.world.kakao!.accounts.find((a) => a.id === '10000')!;
    const campaigns = kakaoCampaigns(env.world.seed, account);
    const adGroups = campaigns.flatMap((c) => kakaoAdGroups(env.world.seed, account, c));
    const adGroupBatches = Math.ceil(adGroups.length / 20);
    expect(result.pages).toBe(1 + campaigns.length + campaigns.length + adGroups.length + 2 + 2 * adGroupBatches);
    expect(result.entities).toBe(campaigns.length + adGroups.length);
    const entities = await env.database.db
      .collection<EntitySnapshot>(COLLECTIONS.entities)
      .find({ platform: 'kakao', accountId: '10000' })
      .toArray();
    // level|id → parent campaign and budget in micros (KRW × 10^6); null = no daily limit.
    const describe = (level: string, id: unknown, campaignId: unknown, budget: bigint | null) =>
      `${level}|${String(id)} campaign=${String(campaignId)} budget=${String(budget)}`;
    const micros = (won: number | null) => (won === null ? null : BigInt(won) * 1_000_000n);
    expect(entities.map((e) => describe(e.level, e.entityId, e.campaignId, e.dailyBudgetMicros)).sort()).toEqual(
      [
        ...campaigns.map((c) => describe('campaign', c.id, undefined, micros(c.dailyBudgetAmount))),
        ...adGroups.map((a) => describe('adset', a.id, a.campaignId, micros(a.dailyBudgetAmount))),
      ].sort(),
    );
    // Campaigns without a budget of their own have budgeted ad groups.
    expect(adGroups.some((a) => a.dailyBudgetAmount !== null)).toBe(true);

    // The stored ad group rows of a day add up exactly to their campaign's row (Kakao reports whole won).
    const { campaignRows } = await expectAdSetsAddUpToCampaigns(env.database.db, 'kakao', '10000', from, to);
    expect(campaignRows.length).toBeGreaterThan(100);

    // Report calls of both endpoints were paced per ad account: the sandbox never refused one for the 5-second rule.
    expect(env.sandbox.state.counters.get('kakao:report_too_soon') ?? 0).toBe(0);

    const raw = JSON.stringify(await env.database.db.collection(COLLECTIONS.rawPulls).find({}).toArray(), (_k, v) =>
      typeof v === 'bigint' ? v.toString() : (v as unknown),
    );
    expect(raw).toContain('/openapi/v4/campaigns/report');
    expect(raw).toContain('/openapi/v4/adGroups/report');
    expect(raw).not.toContain(TOKEN);
  });

  it('restates the latest day until 08:00 KST the next day: the second pull updates exactly the changed rows', async () => {
    await clearMetrics();
    const from = addDays(to, -4);
    const nextDay = addDays(to, 1);
    try {
      env.sandbox.state.clockOffsetMs = offsetTo(nextDay, '06:00'); // `to` is still provisional
      const first = await pull('kakao-restate-1', '10000', from, to);
      const provisional = truth('10000', from, to);
      expect(first.counts.inserted).toBe(provisional.length);
      await expectRowsMatchTruth(env.database.db, '10000', from, to, provisional, 'kakao');

      env.sandbox.state.clockOffsetMs = offsetTo(nextDay, '09:00'); // forward past 08:00: `to` has settled
      const settled = truth('10000', from, to);
      const key = (r: TruthRow) => `${r.level}|${r.entityId}|${r.date}`;
      const before = new Map(provisional.map((r) => [key(r), r]));
      const changed = settled.filter((r) => JSON.stringify(before.get(key(r)), big) !== JSON.stringify(r, big));
      expect(changed.length).toBeGreaterThan(0);
      expect(new Set(changed.map((r) => r.date))).toEqual(new Set([to]));
      // Ad groups restate together with their campaign.
      expect(new Set(changed.map((r) => r.level))).toEqual(new Set(['campaign', 'adset']));

      const second = await pull('kakao-restate-2', '10000', from, to);
      expect(second.counts).toEqual({
        inserted: 0,
        updated: changed.length,
        unchanged: settled.length - changed.length,
      });
      await expectRowsMatchTruth(env.database.db, '10000', from, to, settled, 'kakao');
    } finally {
      env.sandbox.state.clockOffsetMs = 0;
    }
  });

  it('fails an expired business token fast: AdApiAuthError, non-retryable, one attempt, naming platform and account', async () => {
    env.sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [TOKEN] };
    try {
      const error = await pull('kakao-expired', '10000', to, to).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = ((error as WorkflowFailedError).cause as { cause?: { type?: string; nonRetryable?: boolean } })
        .cause as { type?: string; nonRetryable?: boolean; message: string };
      expect(root.type).toBe('AdApiAuthError');
      expect(root.nonRetryable).toBe(true);
      expect(root.message).toContain('kakao account 10000');
      expect(root.message).toContain('already expired');
      expect(root.message).not.toContain(TOKEN);

      const history = await env.client.workflow.getHandle(`kakao-expired:${env.taskQueue}`).fetchHistory();
      const events = history.events ?? [];
      const pullScheduled = events
        .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'pullAccountData')
        .map((e) => String(e.eventId));
      expect(pullScheduled).toHaveLength(1);
      const attempts = events
        .filter((e) => pullScheduled.includes(String(e.activityTaskStartedEventAttributes?.scheduledEventId)))
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      expect(attempts).toEqual([1]);
    } finally {
      env.sandbox.state.faults = { ...NO_FAULTS };
    }
  });

  it('answers a second report call inside the interval with -813 / HTTP 429, per ad account and across levels', async () => {
    const day = to.replaceAll('-', '');
    const call = (accountId: string, endpoint = `campaigns/report?campaignId=${accountId}001`) =>
      fetch(
        `${env.env.ADOPS_KAKAO_BASE_URL}/openapi/v4/${endpoint}&start=${day}&end=${day}&timeUnit=DAY&metricsGroup=BASIC`,
        { headers: { Authorization: `Bearer ${TOKEN}`, adAccountId: accountId } },
      );
    await new Promise((resolve) => setTimeout(resolve, 300)); // clear of earlier pulls' report calls
    expect((await call('10000')).status).toBe(200);
    const refused = await call('10000');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: -813, msg: 'KakaoMomentException' });
    // The ad group report shares the ad account's window (the limit is keyed by the adAccountId header).
    expect((await call('10000', 'adGroups/report?adGroupId=1000000101')).status).toBe(429);
    expect((await call('20000')).status).toBe(200); // another ad account has its own window
  });
});

function big(_key: string, value: unknown) {
  return typeof value === 'bigint' ? value.toString() : value;
}
