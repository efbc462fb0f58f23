import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { NO_FAULTS } from '../../src/sandbox/faults';
import { metaTruth } from '../../src/sandbox/truth';
import { COLLECTIONS } from '../../src/storage/mongo';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

describe('pulls under injected platform faults', () => {
  let env: TestEnv;
  let stopWorkers: () => Promise<void>;
  const accountId = 'act_500600700';
  const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
  const from = addDays(to, -6);

  beforeAll(async () => {
    env = await createTestEnv();
    ({ stop: stopWorkers } = await env.startWorkers());
  });
  afterAll(async () => {
    await stopWorkers?.();
    await env?.close();
  });

  const pull = (id: string) =>
    env.client.workflow.execute('pullAccount', {
      taskQueue: env.taskQueue,
      workflowId: `${id}:${env.taskQueue}`,
      args: [{ platform: 'meta', accountId, from, to }],
    }) as Promise<PullAccountResult>;

  it('is still exact with 10% rate limits, 5% server errors and 2% timeouts', async () => {
    env.sandbox.state.faults = {
      ...NO_FAULTS,
      rateLimitRate: 0.1,
      serverErrorRate: 0.05,
      timeoutRate: 0.02,
      timeoutMs: 3_000,
      seed: 7,
    };
    const result = await pull('faults');
    const stats = env.sandbox.state.counters;
    expect(stats.get('meta:rate_limit') ?? 0).toBeGreaterThan(0);
    expect(stats.get('meta:server_error') ?? 0).toBeGreaterThan(0);
    const truth = metaTruth(env.world, accountId, from, to, env.sandbox.state.now());
    expect(result.rows).toBe(truth.length);
    await expectRowsMatchTruth(env.database.db, accountId, from, to, truth);
  });

  it('fails a malformed page non-retryably, naming the field, and stores nothing from it', async () => {
    await env.database.db.collection(COLLECTIONS.metricsDaily).deleteMany({});
    env.sandbox.state.faults = { ...NO_FAULTS, malformedRate: 1 };
    const error = await pull('malformed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const root = ((error as WorkflowFailedError).cause as { cause?: { type?: string; message: string } }).cause;
    expect(root?.type).toBe('AdApiMalformedResponse');
    expect(root?.message).toMatch(/data|id/);
    expect(await env.database.db.collection(COLLECTIONS.metricsDaily).countDocuments()).toBe(0);
  });
});
