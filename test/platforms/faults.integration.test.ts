import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import type { Platform } from '../../src/domain/platforms';
import { NO_FAULTS } from '../../src/sandbox/faults';
import { platformTruth } from '../../src/sandbox/truth';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import type { MetricRow } from '../../src/domain/metrics';
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
  /** How the sandbox's request log shows a metrics request; Google's are POST bodies, so there one request is one page. */
  metricsRequest?: RegExp;
}

const CASES: FaultCase[] = [
  {
    platform: 'meta',
    accountId: 'act_500600700',
    days: 7,
    seed: 7,
    malformedAt: /at data: expected an array of rows/,
    metricsRequest: /\/insights/,
  },
  {
    platform: 'google_ads',
    accountId: '1234567890',
    days: 21,
    seed: 8,
    malformedAt: /results\[0\]\.customer\.currencyCode/,
  },
  // describeAccount's campaign list is Naver's first call.
  {
    platform: 'naver',
    accountId: '7654321',
    days: 7,
    seed: 11,
    malformedAt: /\[0\]\.dailyBudget/,
    metricsRequest: /\/stats/,
  },
  // Three 31-day report windows for the seven campaigns of account 20000 and their ad groups.
  {
    platform: 'kakao',
    accountId: '20000',
    days: 93,
    seed: 10,
    malformedAt: /at id: expected a numeric id/,
    metricsRequest: /\/report/,
  },
  {
    platform: 'tiktok',
    accountId: '7000000000000000001',
    days: 35,
    seed: 11,
    malformedAt: /data\.list\[0\]\./,
    metricsRequest: /report\/integrated/,
  },
];

describe.each(CASES)(
  '$platform pulls under injected platform faults',
  ({ platform, accountId, days, seed, malformedAt, metricsRequest }) => {
    const env = useTestEnv();
    // Closed days in every account's zone (the US account is 17 hours behind Seoul).
    const to = addDays(dateInZone(new Date(), 'America/Los_Angeles'), -2);
    const from = addDays(to, -(days - 1));

    const clear = async () => {
      for (const name of Object.values(COLLECTIONS)) await env.database.db.collection(name).deleteMany({});
    };

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
      const truth = platformTruth(
        env.world,
        platform,
        accountId,
        from,
        to,
        env.sandbox.state.now(),
        env.sandbox.state.mutations,
      );
      expect(result.rows).toBe(truth.length);
      await expectRowsMatchTruth(env.database.db, accountId, from, to, truth, platform);
    });

    it('fails on a malformed later metrics page: earlier pages kept and exact, nothing of the bad page stored', async () => {
      // A clean pull first, to learn which request is the second metrics page (one request per stored page).
      env.sandbox.state.reset();
      await clear();
      await pull('clean');
      const pages = await env.database.db
        .collection(COLLECTIONS.rawPulls)
        .find({}, { projection: { kind: 1 } })
        .toArray();
      // The pull asks for every entity page before any metrics page, so the first metrics request comes right after.
      const firstMetricsPage = pages.filter((p) => !String(p.kind).startsWith('metrics:')).length;
      expect(firstMetricsPage).toBeGreaterThan(0);
      expect(pages.length).toBeGreaterThan(firstMetricsPage + 1); // there is a later page to break
      // 1-based number of the request for the second metrics page (an entity page may take several requests).
      const secondMetricsRequest = metricsRequest
        ? env.sandbox.state.requestLog.map((line, i) => (metricsRequest.test(line) ? i + 1 : 0)).filter(Boolean)[1]
        : firstMetricsPage + 2;
      expect(secondMetricsRequest).toBeGreaterThan(0);

      env.sandbox.state.reset();
      await clear();
      env.sandbox.state.faults = { ...NO_FAULTS, malformedFromRequest: secondMetricsRequest! };
      const error = await pull('late-malformed').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const root = ((error as WorkflowFailedError).cause as { cause?: { type?: string; message: string } }).cause;
      expect(root?.type).toBe('AdApiMalformedResponse');
      expect(root?.message).toMatch(/page \d+ at \S+:/); // names the page and the field

      const db = env.database.db;
      const storedPages = await db.collection(COLLECTIONS.rawPulls).find({}).toArray();
      // Everything up to and including the first metrics page, and nothing after it (no raw body of the bad page).
      expect(storedPages).toHaveLength(firstMetricsPage + 1);
      expect(JSON.stringify(storedPages)).not.toContain('sandbox malformed body');
      const stored = await db.collection<MetricRow>(COLLECTIONS.metricsDaily).find({}).toArray();
      expect(stored.length).toBeGreaterThan(0);
      const truth = new Map(
        platformTruth(
          env.world,
          platform,
          accountId,
          from,
          to,
          env.sandbox.state.now(),
          env.sandbox.state.mutations,
        ).map((t) => [`${t.level}|${t.entityId}|${t.date}`, t]),
      );
      for (const row of stored) {
        const t = truth.get(`${row.level}|${row.entityId}|${row.date}`);
        expect(t, `stored row ${row.level} ${row.entityId} ${row.date} is not in the truth`).toBeDefined();
        expect([row.spendMicros, row.impressions, row.clicks]).toEqual([t!.spendMicros, t!.impressions, t!.clicks]);
      }
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
