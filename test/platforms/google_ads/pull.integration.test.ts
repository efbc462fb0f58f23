import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { googleAdsAdGroups } from '../../../src/platforms/google_ads/sandbox/ad-groups';
import { googleAdsCampaigns } from '../../../src/platforms/google_ads/sandbox/data';
import type { TruthRow } from '../../../src/sandbox/platform-module';
import { platformTruth } from '../../../src/sandbox/truth';
import { COLLECTIONS } from '../../../src/storage/mongo';
import type { PullAccountResult } from '../../../src/workflows/pull-account';
import { expectAdSetsAddUpToCampaigns, expectRowsMatchTruth } from '../../helpers/assertions';
import { useTestEnv, SANDBOX_CREDENTIALS } from '../../helpers/test-env';

const DAY_MS = 86_400_000;

describe('Google Ads pulls against the sandbox, on the real Temporal server and database', () => {
  const accountId = '1234567890'; // KRW, Asia/Seoul, reached through manager 1112223333
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -6);
  const truth = (f = from, t = to) =>
    platformTruth(env.world, 'google_ads', accountId, f, t, env.sandbox.state.now(), env.sandbox.state.mutations);

  const env = useTestEnv(); // Google pages of 25 rows (defaultWorld)

  const pull = (id: string, range = { from, to }) =>
    env.client.workflow.execute('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `${id}:${env.taskQueue}`,
      args: [{ platform: 'google_ads', accountId, ...range }],
    }) as Promise<PullAccountResult>;

  it('stores exactly the rows Google reports at both levels, across search pages, with campaigns, ad groups and budgets', async () => {
    const expected = truth();
    const campaignRows = expected.filter((t) => t.level === 'campaign').length;
    const adGroupRows = expected.filter((t) => t.level === 'adset').length;
    expect(campaignRows).toBeGreaterThan(50); // more than two pages of 25
    expect(adGroupRows).toBeGreaterThan(campaignRows);
    expect(expected.some((t) => t.level === 'adset' && !Number.isInteger(t.conversions))).toBe(true); // data-driven
    const result = await pull('first');
    expect(result.rows).toBe(expected.length);
    // At least one page of entities per level, then each level's metrics pages.
    expect(result.pages).toBeGreaterThanOrEqual(2 + Math.ceil(campaignRows / 25) + Math.ceil(adGroupRows / 25));
    expect(result.counts).toEqual({ inserted: expected.length, updated: 0, unchanged: 0 });
    await expectRowsMatchTruth(env.database.db, accountId, from, to, expected, 'google_ads');
    const entities = await env.database.db
      .collection(COLLECTIONS.entities)
      .find({ platform: 'google_ads', accountId })
      .toArray();
    const campaigns = entities.filter((e) => e.level === 'campaign');
    const adGroups = entities.filter((e) => e.level === 'adset');
    const customer = env.world.google_ads!.accounts.find((a) => a.id === accountId)!;
    const served = googleAdsCampaigns(env.world.seed, customer).flatMap((c) =>
      googleAdsAdGroups(env.world.seed, customer, c),
    );
    expect(campaigns).toHaveLength(10);
    expect(adGroups).toHaveLength(served.length);
    expect(result.entities).toBe(10 + served.length);
    expect(campaigns.every((c) => typeof c.dailyBudgetMicros === 'bigint' && c.campaignId === undefined)).toBe(true);
    // Google ad groups carry bids, not budgets; each names its campaign.
    const campaignIds = new Set(campaigns.map((c) => c.entityId));
    expect(adGroups.every((g) => g.dailyBudgetMicros === null && campaignIds.has(g.campaignId))).toBe(true);
    // Stored ad group rows of a campaign-day add up exactly to the campaign row (spend, impressions, clicks).
    const stored = await expectAdSetsAddUpToCampaigns(env.database.db, 'google_ads', accountId, from, to);
    expect(stored.campaignRows).toHaveLength(campaignRows);
    // Secrets stay out of raw_pulls; the GAQL query and page tokens are stored as the request params.
    const raw = JSON.stringify(
      await env.database.db.collection(COLLECTIONS.rawPulls).find({ platform: 'google_ads' }).toArray(),
    );
    expect(raw).toContain('googleAds:search');
    expect(raw).toContain('FROM ad_group');
    expect(raw).not.toContain(SANDBOX_CREDENTIALS.GOOGLE_ADS_ACCESS_TOKEN);
    expect(raw).not.toContain(SANDBOX_CREDENTIALS.GOOGLE_ADS_DEVELOPER_TOKEN);
  });

  it('picks up restated conversions on a later pull: updated equals the rows whose values changed', async () => {
    // Self-contained: a fresh first pull, so this test does not depend on the one above.
    await env.database.db.collection(COLLECTIONS.metricsDaily).deleteMany({});
    const before = truth();
    expect((await pull('before-restatement')).counts.inserted).toBe(before.length);
    env.sandbox.state.clockOffsetMs = 4 * DAY_MS;
    try {
      const after = truth();
      // Both levels: ad groups restate together with their campaign.
      const key = (r: TruthRow) => `${r.level}|${r.entityId}|${r.date}`;
      const old = new Map(before.map((r) => [key(r), r]));
      const changed = after.filter((r) => {
        const o = old.get(key(r));
        return !o || o.conversions !== r.conversions || o.conversionValueMicros !== r.conversionValueMicros;
      }).length;
      expect(after.length).toBe(before.length);
      expect(changed).toBeGreaterThan(0);
      expect(
        after.filter((r) => r.level === 'adset' && old.get(key(r))?.conversions !== r.conversions).length,
      ).toBeGreaterThan(0);
      const result = await pull('restated');
      expect(result.counts.updated).toBe(changed);
      expect(result.counts.inserted).toBe(0);
      expect(result.counts.unchanged).toBe(after.length - changed);
      await expectRowsMatchTruth(env.database.db, accountId, from, to, after, 'google_ads');
    } finally {
      env.sandbox.state.clockOffsetMs = 0;
    }
  });

  it('fails an expired OAuth token fast: AdApiAuthError, non-retryable, one attempt, platform and account named', async () => {
    env.sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [SANDBOX_CREDENTIALS.GOOGLE_ADS_ACCESS_TOKEN as string] };
    try {
      const error = await pull('expired').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = (
        (error as WorkflowFailedError).cause as { cause?: { type?: string; message: string; nonRetryable?: boolean } }
      ).cause;
      expect(root?.type).toBe('AdApiAuthError');
      expect(root?.nonRetryable).toBe(true);
      expect(root?.message).toContain('google_ads account 1234567890');
      expect(root?.message).toContain('OAUTH_TOKEN_EXPIRED');
      const history = await env.client.workflow.getHandle(`expired:${env.taskQueue}`).fetchHistory();
      const events = history.events ?? [];
      const scheduled = events.find(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'pullAccountData',
      );
      const attempts = events
        .filter(
          (e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId ?? '') === String(scheduled?.eventId),
        )
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      expect(attempts).toEqual([1]);
    } finally {
      env.sandbox.state.faults = { ...NO_FAULTS };
    }
  });
});
