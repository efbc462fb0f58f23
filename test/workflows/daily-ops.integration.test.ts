import { readFileSync } from 'node:fs';
import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import type { MetricRow } from '../../src/domain/metrics';
import { platformTruth } from '../../src/sandbox/truth';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { DailyOpsResult } from '../../src/workflows/daily-ops';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { captureHistory } from '../helpers/histories';
import { TEST_TEMPORAL_LOG, useTestEnv, SANDBOX_CREDENTIALS, SANDBOX_TOKENS } from '../helpers/test-env';

// A full daily run of ten accounts takes 110-130 s on a quiet two-core machine; the limit leaves room for a busy one
// (speed is measured in `npm run bench`, not here).
describe('dailyOps on the real Temporal server and database, against the Meta sandbox', { timeout: 420_000 }, () => {
  // A date closed in every account's zone (the US account is 17 hours behind Seoul).
  const date = addDays(dateInZone(new Date(), 'America/Los_Angeles'), -2);

  const env = useTestEnv();

  /** The child pull a daily run starts for Dalbit's Meta account: its 28-day window, tagged with the parent's ID. */
  const dalbitMetaPullId = (parent = `daily:${date}:${env.taskQueue}`) =>
    `pull:meta:act_500600700:${addDays(date, -27)}..${date}@${parent}`;

  const runDaily = (input: object, workflowId: string) =>
    env.client.workflow.execute('dailyOps', {
      taskQueue: env.taskQueue,
      workflowId,
      args: [input],
    }) as Promise<DailyOpsResult>;

  it('re-pulls every account over its platform restatement window, storing exactly what the platform reports', async () => {
    const result = await runDaily({ date }, `daily:${date}:${env.taskQueue}`);
    const accounts = env.config().accounts.advertisers.flatMap((a) => a.accounts);
    expect(result.accounts).toBe(accounts.length);
    expect(result.failed).toEqual([]);
    const windows = env.config().platforms.platforms;
    let expectedRows = 0;
    for (const account of accounts) {
      const from = addDays(date, -((windows[account.platform]?.restatementWindowDays ?? 1) - 1));
      const truth = platformTruth(
        env.world,
        account.platform,
        account.accountId,
        from,
        date,
        env.sandbox.state.now(),
        env.sandbox.state.mutations,
      );
      expect(truth.length, `${account.platform} ${account.accountId}`).toBeGreaterThan(0);
      expectedRows += truth.length;
      await expectRowsMatchTruth(env.database.db, account.accountId, from, date, truth, account.platform);
    }
    expect(result.rows).toBe(expectedRows);
    expect(result.counts).toEqual({ inserted: expectedRows, updated: 0, unchanged: 0 });
    expect(result.reports.map((r) => r.advertiserId).sort()).toEqual(['dalbit-foods', 'hanbit-cosmetics']);
    const stored = await env.database.db
      .collection<MetricRow>(COLLECTIONS.metricsDaily)
      .findOne({ accountId: 'act_100200301', date });
    expect(stored).toMatchObject({
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      level: 'campaign',
      mature: false,
    });
    expect(typeof stored!.spendMicros).toBe('bigint');
    await captureHistory(env.client, `daily:${date}:${env.taskQueue}`, 'dailyOps-success');
    await captureHistory(env.client, dalbitMetaPullId(), 'pullAccount-success');
  });

  it('a second run adds no rows: every row comes back unchanged', async () => {
    const before = await env.database.db.collection(COLLECTIONS.metricsDaily).countDocuments();
    const result = await runDaily({ date }, `daily:${date}:${env.taskQueue}:again`);
    const after = await env.database.db.collection(COLLECTIONS.metricsDaily).countDocuments();
    expect(after).toBe(before);
    expect(result.counts).toEqual({ inserted: 0, updated: 0, unchanged: before });
  });

  it('keeps secrets out of raw_pulls and workflow history', async () => {
    const raw = await env.database.db.collection(COLLECTIONS.rawPulls).find({}).toArray();
    expect(raw.length).toBeGreaterThan(0);
    const text = JSON.stringify(raw, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    // Every platform's credentials: tokens, Naver's key and secret, Google's developer token.
    for (const secret of Object.values(SANDBOX_CREDENTIALS)) expect(text).not.toContain(secret);
    // Multi-page pulls saw paging.next URLs, which Meta fills with access_token: they are stored redacted.
    expect(text).toContain('access_token=REDACTED');
    // Every history of this file's runs (the daily runs and all their children), and the workers' log.
    const ids: string[] = [];
    for await (const run of env.client.workflow.list({ query: `TaskQueue = '${env.taskQueue}'` }))
      ids.push(run.workflowId);
    expect(ids.length).toBeGreaterThanOrEqual(11); // one daily run and its ten account pulls, at least
    expect(ids).toContain(dalbitMetaPullId());
    const histories = await Promise.all(ids.map((id) => env.client.workflow.getHandle(id).fetchHistory()));
    const scanned = [JSON.stringify(histories), readFileSync(TEST_TEMPORAL_LOG, 'utf8')];
    for (const secret of Object.values(SANDBOX_CREDENTIALS)) {
      // As written, base64-encoded (payloads) and URL-encoded (query strings).
      for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
        for (const text of scanned) expect(text).not.toContain(form);
      }
    }
  });

  it('rejects bad input at once, non-retryably, naming the field', async () => {
    const error = await runDaily({ date: '2026-13-45', advertisers: 'all' }, `daily:bad:${env.taskQueue}`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause as { type?: string; message: string; nonRetryable?: boolean };
    expect(cause.type).toBe('InvalidWorkflowInput');
    expect(cause.nonRetryable).toBe(true);
    expect(cause.message).toContain('date: expected YYYY-MM-DD, got "2026-13-45"');
    expect(cause.message).toContain('advertisers: expected a list of advertiser ids');
    await captureHistory(env.client, `daily:bad:${env.taskQueue}`, 'dailyOps-invalid-input');
  });

  it('names an unknown advertiser instead of running nothing', async () => {
    const error = await runDaily({ date, advertisers: ['no-such-brand'] }, `daily:unknown:${env.taskQueue}`).catch(
      (e: unknown) => e,
    );
    expect(String(((error as WorkflowFailedError).cause as Error).message)).toContain('"no-such-brand"');
  });

  it('fails an expired token fast with a non-retryable, named error, and still reports the other accounts', async () => {
    env.sandbox.state.faults = { ...env.sandbox.state.faults, expiredTokens: [SANDBOX_TOKENS.META_TOKEN_DALBIT] };
    try {
      const error = await runDaily({ date }, `daily:expired:${env.taskQueue}`).catch((e: unknown) => e);
      const cause = (error as WorkflowFailedError).cause as { type?: string; message: string; details?: unknown[] };
      expect(cause.type).toBe('AccountPullsFailed');
      expect(cause.message).toContain('act_500600700');
      expect(cause.message).toContain('Re-authorise');
      const partial = cause.details?.[0] as DailyOpsResult;
      expect(partial.failed).toHaveLength(1);
      expect(partial.reports).toHaveLength(2);
      const pull = await env.client.workflow
        .getHandle(dalbitMetaPullId(`daily:expired:${env.taskQueue}`))
        .fetchHistory();
      const attempts = pull.events
        ?.filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      expect(attempts).toEqual([1]); // no retries burned on a dead token
      const failure = pull.events?.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes
        ?.failure;
      expect(failure?.applicationFailureInfo?.type).toBe('AdApiAuthError');
      await captureHistory(env.client, `daily:expired:${env.taskQueue}`, 'dailyOps-partial-failure');
    } finally {
      env.sandbox.state.faults = { ...env.sandbox.state.faults, expiredTokens: [] };
    }
  });
});
