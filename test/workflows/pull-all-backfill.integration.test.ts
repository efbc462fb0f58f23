import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { metricRowId } from '../../src/domain/metrics';
import { metaTruth, type TruthRow } from '../../src/sandbox/truth';
import type { BackfillResult } from '../../src/workflows/backfill';
import type { PullAllResult } from '../../src/workflows/pull-all';
import { expectAdSetsAddUpToCampaigns, expectRowsMatchTruth } from '../helpers/assertions';
import { captureHistory } from '../helpers/histories';
import { useTestEnv, defaultAccounts, testPlatforms } from '../helpers/test-env';

/** Meta accounts only, so this file does not depend on the other connectors. */
function metaOnlyAccounts() {
  const accounts = defaultAccounts();
  return {
    ...accounts,
    advertisers: accounts.advertisers.map((a) => ({ ...a, accounts: a.accounts.filter((x) => x.platform === 'meta') })),
  };
}

const key = (r: TruthRow) =>
  metricRowId({ platform: 'meta', accountId: '', level: r.level, entityId: r.entityId, date: r.date });
const sameValues = (a: TruthRow, b: TruthRow) =>
  a.impressions === b.impressions &&
  a.clicks === b.clicks &&
  a.spendMicros === b.spendMicros &&
  a.conversions === b.conversions &&
  a.conversionValueMicros === b.conversionValueMicros;

describe('pullAll re-pulls restatement windows; backfill continues as new', () => {
  const date = addDays(dateInZone(new Date(), 'America/Los_Angeles'), -2);

  const env = useTestEnv({ accounts: metaOnlyAccounts(), platforms: testPlatforms({ meta: { pageSize: 100 } }) });

  const pullAll = (id: string) =>
    env.client.workflow.execute('pullAll', {
      taskQueue: env.taskQueue,
      workflowId: `${id}:${env.taskQueue}`,
      args: [{ date, platforms: ['meta'], windowDays: { meta: 7 } }],
    }) as Promise<PullAllResult>;

  it('pulls each account over its window, then a later pull updates exactly the restated rows', async () => {
    const first = await pullAll('pull-all-1');
    const from = addDays(date, -6);
    expect(first.accounts.every((a) => a.from === from && a.to === date)).toBe(true);
    const accountIds = first.accounts.map((a) => a.accountId);
    const before = new Map(
      accountIds.map((id) => [
        id,
        metaTruth(env.world, id, from, date, env.sandbox.state.now(), env.sandbox.state.mutations),
      ]),
    );
    const expectedRows = [...before.values()].reduce((n, rows) => n + rows.length, 0);
    expect(first.counts).toEqual({ inserted: expectedRows, updated: 0, unchanged: 0 });
    for (const id of accountIds) {
      await expectRowsMatchTruth(env.database.db, id, from, date, before.get(id)!);
      await expectAdSetsAddUpToCampaigns(env.database.db, 'meta', id, from, date);
    }

    // Three days later on the platform: late conversions have restated the recent days.
    env.sandbox.state.clockOffsetMs = 3 * 86_400_000;
    const second = await pullAll('pull-all-2');
    let restated = 0;
    for (const id of accountIds) {
      const after = metaTruth(env.world, id, from, date, env.sandbox.state.now(), env.sandbox.state.mutations);
      const old = new Map(before.get(id)!.map((r) => [key(r), r]));
      restated += after.filter((r) => !sameValues(r, old.get(key(r))!)).length;
      await expectRowsMatchTruth(env.database.db, id, from, date, after);
    }
    expect(restated).toBeGreaterThan(0);
    expect(second.counts).toEqual({ inserted: 0, updated: restated, unchanged: expectedRows - restated });
    await captureHistory(env.client, `pull-all-2:${env.taskQueue}`, 'pullAll-restated');
    env.sandbox.state.clockOffsetMs = 0;
  });

  it('backfills 400 days through continue-as-new, with exact rows and small histories', async () => {
    const accountId = 'act_100200300';
    const to = addDays(dateInZone(new Date(), 'Asia/Seoul'), -2);
    const from = addDays(to, -399);
    const workflowId = `backfill:meta:${accountId}:${from}..${to}:${env.taskQueue}`;
    const handle = await env.client.workflow.start('backfill', {
      taskQueue: env.taskQueue,
      workflowId,
      args: [{ platform: 'meta', accountId, from, to, chunkDays: 30, chunksPerRun: 4 }],
    });
    const result = (await handle.result()) as BackfillResult;
    expect(result.chunks).toBe(14);
    expect(result.runs).toBe(4);
    const truth = metaTruth(env.world, accountId, from, to, env.sandbox.state.now(), env.sandbox.state.mutations);
    expect(result.rows).toBe(truth.length);
    await expectRowsMatchTruth(env.database.db, accountId, from, to, truth);

    const runs = [];
    for await (const execution of env.client.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
      runs.push(execution.runId);
    expect(runs).toHaveLength(4);
    for (const runId of runs) {
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      expect(history.events!.length).toBeLessThan(80);
    }
    await captureHistory(env.client, workflowId, 'backfill-continued');
    // 400 days of Meta at both levels: 147 s on a machine shared with four agents, 180 s once; CI runs it alone.
  }, 360_000);
});
