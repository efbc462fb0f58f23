import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../../src/domain/dates';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import { NO_FAULTS } from '../../../src/sandbox/faults';
import { tiktokSandbox } from '../../../src/platforms/tiktok/sandbox';
import { tiktokCatalog } from '../../../src/platforms/tiktok/sandbox/data';
import type { TruthRow } from '../../../src/sandbox/platform-module';
import type { EntitySnapshot } from '../../../src/domain/metrics';
import { COLLECTIONS } from '../../../src/storage/mongo';
import type { PullAccountResult } from '../../../src/workflows/pull-account';
import { expectAdSetsAddUpToCampaigns, expectRowsMatchTruth } from '../../helpers/assertions';
import { useTestEnv, SANDBOX_CREDENTIALS } from '../../helpers/test-env';

const DAY_MS = 86_400_000;

describe('TikTok pulls on the real Temporal server and database, against the TikTok sandbox', () => {
  const accountId = '7000000000000000001';
  const token = SANDBOX_CREDENTIALS.TIKTOK_ACCESS_TOKEN as string;
  // Closed days in the advertiser's zone; 35 days so the connector must split the range into ≤30-day reports.
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -34);

  const env = useTestEnv();

  const pull = (id: string, range = { from, to }) =>
    env.client.workflow.execute('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `tiktok-${id}:${env.taskQueue}`,
      args: [{ platform: 'tiktok', accountId, ...range }],
    }) as Promise<PullAccountResult>;
  const truth = (range = { from, to }) =>
    tiktokSandbox.truth(
      env.world,
      accountId,
      range.from,
      range.to,
      env.sandbox.state.now(),
      env.sandbox.state.mutations,
    );

  it('stores exactly the rows TikTok reports at both levels, paging through ≤30-day windows, keeping the token out', async () => {
    const result = await pull('exact');
    const expected = truth();
    expect(expected.filter((t) => t.level === 'campaign').length).toBeGreaterThan(300);
    expect(expected.filter((t) => t.level === 'adset').length).toBeGreaterThan(300);
    expect(result.rows).toBe(expected.length);
    expect(result.counts).toEqual({ inserted: expected.length, updated: 0, unchanged: 0 });
    await expectRowsMatchTruth(env.database.db, accountId, from, to, expected, 'tiktok');
    // Report pages of 10 rows over two windows per level, plus the entity pages of both levels.
    expect(result.pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 10) + 4);

    const account = env.world.tiktok!.accounts.find((a) => a.id === accountId)!;
    const { campaigns, adGroupsOf } = tiktokCatalog(env.world.seed, account);
    const adGroups = campaigns.flatMap((c) => adGroupsOf(c));
    const entities = await env.database.db
      .collection<EntitySnapshot>(COLLECTIONS.entities)
      .find({ platform: 'tiktok', accountId })
      .toArray();
    expect(entities).toHaveLength(campaigns.length + adGroups.length);
    expect(result.entities).toBe(campaigns.length + adGroups.length);
    for (const campaign of campaigns) {
      const stored = entities.find((e) => e.level === 'campaign' && e.entityId === campaign.id);
      const daily = campaign.budgetMode === 'BUDGET_MODE_DAY' ? campaign.budgetMinor! * MICROS_PER_UNIT : null;
      expect(stored?.dailyBudgetMicros).toEqual(daily);
      expect(stored?.campaignId).toBeUndefined();
    }
    // KRW: minor units are whole won, so micros = minor × 1,000,000.
    for (const adGroup of adGroups) {
      const stored = entities.find((e) => e.level === 'adset' && e.entityId === adGroup.id);
      expect(stored).toMatchObject({ name: adGroup.name, campaignId: adGroup.campaignId });
      expect(stored?.dailyBudgetMicros).toEqual(
        adGroup.budgetMinor === null ? null : adGroup.budgetMinor * MICROS_PER_UNIT,
      );
    }
    expect(adGroups.some((a) => a.budgetMinor !== null)).toBe(true);

    // The stored ad group rows of a campaign-day add up exactly to the stored campaign row.
    await expectAdSetsAddUpToCampaigns(env.database.db, 'tiktok', accountId, from, to);

    const raw = await env.database.db.collection(COLLECTIONS.rawPulls).find({ platform: 'tiktok' }).toArray();
    expect(raw.length).toBe(result.pages + 1);
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(raw.every((r) => typeof r.body === 'string' && r.body.includes('request_id'))).toBe(true);
  });

  it('re-pulls a restated range: exactly the rows whose values changed are updated', async () => {
    env.sandbox.state.clockOffsetMs = 0;
    await pull('restate-1');
    const before = truth();
    env.sandbox.state.clockOffsetMs = 3 * DAY_MS; // the last days leave TikTok's 3-day restatement window
    try {
      const after = truth();
      const key = (r: TruthRow) => `${r.level}|${r.entityId}|${r.date}`;
      const previous = new Map(before.map((r) => [key(r), r]));
      const changed = after.filter((r) => {
        const p = previous.get(key(r));
        return p?.conversions !== r.conversions || p?.conversionValueMicros !== r.conversionValueMicros;
      }).length;
      expect(after).toHaveLength(before.length);
      expect(changed).toBeGreaterThan(0);
      // Ad groups restate with their campaign (their day is the campaign's restated day, split).
      expect(
        after.filter((r) => r.level === 'adset').some((r) => previous.get(key(r))?.conversions !== r.conversions),
      ).toBe(true);
      const result = await pull('restate-2');
      expect(result.counts).toEqual({ inserted: 0, updated: changed, unchanged: after.length - changed });
      await expectRowsMatchTruth(env.database.db, accountId, from, to, after, 'tiktok');
    } finally {
      env.sandbox.state.clockOffsetMs = 0;
    }
  });

  it('fails an expired token fast: AdApiAuthError, non-retryable, one attempt, naming platform and account', async () => {
    env.sandbox.state.faults = { ...NO_FAULTS, expiredTokens: [token] };
    const workflowId = `tiktok-expired:${env.taskQueue}`;
    try {
      const error = await pull('expired').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = (
        (error as WorkflowFailedError).cause as {
          cause?: { type?: string; message: string; nonRetryable?: boolean };
        }
      ).cause;
      expect(root?.type).toBe('AdApiAuthError');
      expect(root?.nonRetryable).toBe(true);
      expect(root?.message).toContain(`tiktok account ${accountId}`);
      expect(root?.message).toContain('Re-authorise');
      expect(root?.message).toMatch(/\[trace [0-9A-F]+\]/); // TikTok's request_id, for its support
      expect(root?.message).not.toContain(token);
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const attempts = history.events
        ?.filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      // The platform activity ran once: an auth failure is not retried.
      expect(attempts).toEqual([1]);
    } finally {
      env.sandbox.state.faults = { ...NO_FAULTS };
    }
  });
});
