import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import type { Platform } from '../../src/domain/platforms';
import { NO_FAULTS } from '../../src/sandbox/faults';
import { platformTruth } from '../../src/sandbox/truth';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { useTestEnv } from '../helpers/test-env';

interface FaultCase {
  platform: Platform;
  accountId: string;
  /** Days pulled under transient faults: long enough to page and, where the platform splits reports, to split. */
  days: number;
  /** A fault seed whose sequence (from request 0) includes at least one rate limit and one server error. */
  seed: number;
  /** Where the malformed body breaks, as the failure must name it. */
  malformedAt: RegExp;
}

const CASES: FaultCase[] = [
  { platform: 'meta', accountId: 'act_500600700', days: 7, seed: 7, malformedAt: /data|id/ },
  {
    platform: 'google_ads',
    accountId: '1234567890',
    days: 21,
    seed: 8,
    malformedAt: /results\[0\]\.customer\.currencyCode/,
  },
  // describeAccount's campaign list is Naver's first call.
  { platform: 'naver', accountId: '7654321', days: 7, seed: 11, malformedAt: /\[0\]\.dailyBudget/ },
  // Three 31-day report windows for the seven campaigns of account 20000 and their ad groups.
  { platform: 'kakao', accountId: '20000', days: 93, seed: 10, malformedAt: /at id: expected a numeric id/ },
  { platform: 'tiktok', accountId: '7000000000000000001', days: 35, seed: 11, malformedAt: /data\.list\[0\]\./ },
];

describe.each(CASES)(
  '$platform pulls under injected platform faults',
  ({ platform, accountId, days, seed, malformedAt }) => {
    const env = useTestEnv();
    // Closed days in every account's zone (the US account is 17 hours behind Seoul).
    const to = addDays(dateInZone(new Date(), 'America/Los_Angeles'), -2);
    const from = addDays(to, -(days - 1));

    const pull = (id: string) =>
      env.client.workflow.execute('pullAccount', {
        taskQueue: env.taskQueue,
        workflowId: `${id}:${platform}:${env.taskQueue}`,
        args: [{ platform, accountId, from, to }],
      }) as Promise<PullAccountResult>;

    it('is still exact with 10% rate limits, 5% server errors and 2% timeouts', async () => {
      env.sandbox.state.reset(); // the fault sequence depends only on the seed and the request count
      env.sandbox.state.faults = {
        ...NO_FAULTS,
        rateLimitRate: 0.1,
        serverErrorRate: 0.05,
        timeoutRate: 0.02,
        timeoutMs: 3_000,
        seed,
      };
      const result = await pull('faults');
      const counters = env.sandbox.state.counters;
      expect(counters.get(`${platform}:rate_limit`) ?? 0).toBeGreaterThan(0);
      expect(counters.get(`${platform}:server_error`) ?? 0).toBeGreaterThan(0);
      const truth = platformTruth(env.world, platform, accountId, from, to, env.sandbox.state.now());
      expect(result.rows).toBe(truth.length);
      await expectRowsMatchTruth(env.database.db, accountId, from, to, truth, platform);
    });

    it('fails a malformed body non-retryably, naming the field, and stores nothing from it', async () => {
      env.sandbox.state.reset();
      await env.database.db.collection(COLLECTIONS.metricsDaily).deleteMany({});
      env.sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
      const error = await pull('malformed').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = ((error as WorkflowFailedError).cause as { cause?: { type?: string; message: string } }).cause;
      expect(root?.type).toBe('AdApiMalformedResponse');
      expect(root?.message).toMatch(malformedAt);
      expect(await env.database.db.collection(COLLECTIONS.metricsDaily).countDocuments()).toBe(0);
    });
  },
);
