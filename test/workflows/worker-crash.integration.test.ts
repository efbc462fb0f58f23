import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { metaTruth } from '../../src/sandbox/truth';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { spawnTestWorker } from '../helpers/spawn-worker';
import { useTestEnv, type TestEnv } from '../helpers/test-env';

const startWorkerProcess = (env: TestEnv): Promise<ChildProcess> =>
  spawnTestWorker({
    address: inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
    mongoUrl: inject('mongoUrl'),
    dbName: env.database.db.databaseName,
    taskQueue: env.taskQueue,
    configDir: env.configDir,
    env: env.env,
  });

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached in time');
}

describe('a worker killed in the middle of a paginated pull', () => {
  const env = useTestEnv({ workers: false });
  const workers: ChildProcess[] = [];
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -9);
  const accountId = 'act_500600700';

  afterAll(() => {
    for (const w of workers) w.kill('SIGKILL');
  });

  it('is replaced by a new worker, and the run completes with exactly the same rows', async () => {
    // ~25 pages of 10 rows at 150 ms each: long enough to kill the worker part-way through.
    env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 150 };
    workers.push(await startWorkerProcess(env));
    const handle = await env.client.workflow.start('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `pull:meta:${accountId}:${from}..${to}:${env.taskQueue}`,
      args: [{ platform: 'meta', accountId, from, to }],
    });
    const metricPages = () =>
      env.database.db
        .collection(COLLECTIONS.rawPulls)
        .countDocuments({ kind: { $in: ['metrics:campaign', 'metrics:adset'] } });
    await waitUntil(async () => (await metricPages()) >= 6, 60_000);
    workers[0]!.kill('SIGKILL');
    const pagesAtKill = await metricPages();

    workers.push(await startWorkerProcess(env));
    const result = (await handle.result()) as PullAccountResult;

    const truth = metaTruth(env.world, accountId, from, to, env.sandbox.state.now(), env.sandbox.state.mutations);
    expect(truth.length).toBeGreaterThan(200);
    await expectRowsMatchTruth(env.database.db, accountId, from, to, truth);
    const history = await handle.fetchHistory();
    const attempts = history.events?.flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
    expect(Math.max(...(attempts as number[]))).toBeGreaterThanOrEqual(2);
    // Resuming means the retry does not ask again for what the killed attempt already stored: the account, the
    // entity lists and every stored metrics page were requested once; at most the page in flight at the kill twice.
    const log = env.sandbox.state.requestLog.filter((line) => line.includes(`/${accountId}`));
    const timesAsked = new Map<string, number>();
    for (const line of log) timesAsked.set(line, (timesAsked.get(line) ?? 0) + 1);
    const askedAgain = [...timesAsked].filter(([, n]) => n > 1).map(([line]) => line);
    expect(askedAgain.length, `asked more than once: ${askedAgain.join(', ')}`).toBeLessThanOrEqual(1);
    expect(askedAgain.every((line) => line.includes('/insights'))).toBe(true);
    expect(pagesAtKill).toBeGreaterThanOrEqual(6);
    // Every row was counted once, plus at most one page (10 rows in tests) stored just before the kill but not yet
    // heartbeated, which the retry stores again as unchanged.
    const counted = result.counts.inserted + result.counts.unchanged + result.counts.updated;
    expect(counted).toBeGreaterThanOrEqual(truth.length);
    expect(counted).toBeLessThanOrEqual(truth.length + 10);
  });
});
