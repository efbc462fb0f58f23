import {
  continueAsNew,
  executeChild,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import { chunkRange } from '../domain/dates';
import { ZERO_COUNTS, type UpsertCounts } from '../domain/metrics';
import { SA_ACCOUNT, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { trackerPullWorkflowId } from '../domain/workflow-ids';
import {
  parseBackfillCarry,
  parseBackfillTrackerInput,
  type BackfillCarry,
  type BackfillTrackerInput,
} from '../domain/workflow-input';
import { describeBackfill, pullChunks } from './backfill';
import { parseOrFail, rethrowRoot } from './failures';
import { trackerBackfillProgressQuery, type TrackerBackfillProgress } from './messages';
import { pullTrackerApp } from './pull-tracker-app';

const { checkTrackerBackfill } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

export interface BackfillTrackerResult {
  tracker: string;
  appId: string;
  from: string;
  to: string;
  chunks: number;
  runs: number;
  rows: number;
  counts: UpsertCounts;
}

/**
 * A tracker app's long range in chunks (one pullTrackerApp child each, in order), continuing as new like an account's
 * backfill. Each chunk waits for a spent daily quota to reset rather than fail: a backfill has the time, and the
 * quota is counted durably, so it never spends more than the tracker allows.
 */
export async function backfillTrackerApp(
  rawInput: BackfillTrackerInput,
  rawCarry?: BackfillCarry,
): Promise<BackfillTrackerResult> {
  const input = parseOrFail(() => parseBackfillTrackerInput(rawInput));
  const chunks = chunkRange(input.from, input.to, input.chunkDays);
  const carry = parseOrFail(() => parseBackfillCarry(rawCarry, chunks.length));
  const state: BackfillCarry = carry ?? { nextChunk: 0, run: 1, rows: 0, counts: ZERO_COUNTS };
  const progress: TrackerBackfillProgress = {
    tracker: input.tracker,
    appId: input.appId,
    from: input.from,
    to: input.to,
    chunksTotal: chunks.length,
    chunksDone: state.nextChunk,
    run: state.run,
    rows: state.rows,
    counts: state.counts,
  };
  setHandler(trackerBackfillProgressQuery, () => progress, { description: 'Chunks done, rows stored, runs so far' });
  upsertSearchAttributes([
    { key: SA_PLATFORM, value: input.tracker },
    { key: SA_ACCOUNT, value: input.appId },
    { key: SA_RUN_KIND, value: 'backfill' },
  ]);
  const details = () => describeBackfill(`${input.tracker} app ${input.appId}`, progress);
  details();

  if (carry === undefined) {
    await checkTrackerBackfill({ tracker: input.tracker, appId: input.appId, from: input.from, to: input.to }).catch(
      rethrowRoot,
    );
  }
  await pullChunks({
    chunks,
    state,
    chunksPerRun: input.chunksPerRun,
    continueWith: (next) => continueAsNew<typeof backfillTrackerApp>(rawInput, next),
    pull: (chunk) =>
      executeChild(pullTrackerApp, {
        workflowId: trackerPullWorkflowId(input.tracker, input.appId, chunk.from, chunk.to, workflowInfo().workflowId),
        taskQueue: workflowInfo().taskQueue,
        args: [{ tracker: input.tracker, appId: input.appId, from: chunk.from, to: chunk.to }],
        typedSearchAttributes: [
          { key: SA_PLATFORM, value: input.tracker },
          { key: SA_ACCOUNT, value: input.appId },
          { key: SA_RUN_KIND, value: 'tracker-pull' },
        ],
      }),
    progress,
    onChunk: details,
  });
  return {
    tracker: input.tracker,
    appId: input.appId,
    from: input.from,
    to: input.to,
    chunks: chunks.length,
    runs: state.run,
    rows: state.rows,
    counts: state.counts,
  };
}
