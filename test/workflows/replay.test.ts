import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { HISTORIES_DIR, readHistoryIds } from '../helpers/histories';
import { workflowBundle } from '../helpers/test-env';

/**
 * Every saved history must replay against today's workflow code: a change that would break running or resumed
 * workflows (non-determinism) fails here, in CI, instead of in production.
 */
describe('saved workflow histories replay', () => {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json') && f !== 'ids.json');
  const ids = readHistoryIds();

  it('has a saved history for every workflow type', () => {
    const types = new Set(files.map((f) => f.split('-')[0]));
    expect([...types].sort()).toEqual([
      'backfill',
      'backfillTrackerApp',
      'dailyOps',
      'pullAccount',
      'pullAll',
      'pullTrackerApp',
      'rebalanceBudgets',
      'rulePromotion',
    ]);
  });

  it.each(files)(
    '%s',
    async (file) => {
      const history = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as object;
      const workflowId = ids[file.replace(/\.json$/, '')];
      expect(workflowId, `test/histories/ids.json has no id for ${file}`).toBeDefined();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history as never, workflowId);
    },
    60_000,
  );
});
