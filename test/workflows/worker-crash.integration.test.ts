import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { metaTruth } from '../../src/sandbox/truth';
import { projectRoot } from '../../src/stack/paths';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { useTestEnv, type TestEnv } from '../helpers/test-env';

function startWorkerProcess(env: TestEnv): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot(), 'test', 'helpers', 'worker-process.ts')],
    {
      env: {
        ...process.env,
        ADOPS_TEST_WORKER: JSON.stringify({
          address: inject('temporalAddress'),
          namespace: inject('temporalNamespace'),
          mongoUrl: inject('mongoUrl'),
          dbName: env.database.db.databaseName,
          taskQueue: env.taskQueue,
          configDir: env.configDir,
          env: env.env,
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

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

    const truth = metaTruth(env.world, accountId, from, to, env.sandbox.state.now());
    expect(truth.length).toBeGreaterThan(200);
    await expectRowsMatchTruth(env.database.db, accountId, from, to, truth);
    const history = await handle.fetchHistory();
    const attempts = history.events?.flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
    expect(Math.max(...(attempts as number[]))).toBeGreaterThanOrEqual(2);
    // The retry resumed from the heartbeated cursor instead of starting over at page 0.
    const secondAttemptFirstPage = await env.database.db
      .collection(COLLECTIONS.rawPulls)
      .find({ kind: { $in: ['metrics:campaign', 'metrics:adset'] } })
      .sort({ pulledAt: 1 })
      .skip(pagesAtKill)
      .limit(1)
      .next();
    expect((secondAttemptFirstPage?.page as number) > 1).toBe(true);
    expect(result.counts.inserted + result.counts.unchanged + result.counts.updated).toBeGreaterThanOrEqual(
      truth.length,
    );
  });
});
