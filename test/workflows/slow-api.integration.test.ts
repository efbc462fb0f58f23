import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { metaTruth } from '../../src/sandbox/truth';
import type { PullAccountResult } from '../../src/workflows/pull-account';
import { expectRowsMatchTruth } from '../helpers/assertions';
import { testPlatforms, useTestEnv } from '../helpers/test-env';

describe('an API slower than the heartbeat timeout', () => {
  // Campaign level, big pages and a 60 s request timeout: three requests (account, campaigns, insights) of 22 s each.
  const env = useTestEnv({
    platforms: testPlatforms({ meta: { levels: ['campaign'], pageSize: 500, requestTimeoutSeconds: 60 } }),
  });
  const accountId = 'act_500600700';
  const date = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);

  it('is not mistaken for a dead worker: every request answers after 22 s and the first attempt completes', async () => {
    env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 22_000 }; // pullAccount's heartbeat timeout is 20 s
    const workflowId = `slow:${env.taskQueue}`;
    try {
      const result = (await env.client.workflow.execute('pullAccount', {
        taskQueue: env.taskQueue,
        workflowId,
        args: [{ platform: 'meta', accountId, from: date, to: date }],
      })) as PullAccountResult;
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const attempts = (history.events ?? []).flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
      expect(attempts).toEqual([1]);
      const truth = metaTruth(
        env.world,
        accountId,
        date,
        date,
        env.sandbox.state.now(),
        env.sandbox.state.mutations,
      ).filter((row) => row.level === 'campaign');
      expect(result.rows).toBe(truth.length);
      await expectRowsMatchTruth(env.database.db, accountId, date, date, truth);
    } finally {
      env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 0 };
    }
  });
});
