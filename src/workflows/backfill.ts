import {
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  log,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { chunkRange } from '../domain/dates';
import { addCounts, ZERO_COUNTS, type UpsertCounts } from '../domain/metrics';
import { SA_ACCOUNT, SA_PLATFORM, SA_RUN_KIND } from '../domain/search-attributes';
import { pullWorkflowId } from '../domain/workflow-ids';
import {
  parseBackfillCarry,
  parseBackfillInput,
  type BackfillCarry,
  type BackfillInput,
} from '../domain/workflow-input';
import { checkBackfillAgainstConfig } from './backfill-check';
import { parseOrFail } from './failures';
import { backfillProgressQuery, type BackfillProgress } from './messages';
import { pullAccount } from './pull-account';

export interface BackfillResult {
  platform: string;
  accountId: string;
  from: string;
  to: string;
  chunks: number;
  runs: number;
  rows: number;
  counts: UpsertCounts;
}

/**
 * Pulls a long range of one account in chunks (one pullAccount child each, in order), continuing as new every few
 * chunks (or when the server suggests it) so each run's history stays small whatever the range.
 */
export async function backfill(rawInput: BackfillInput, rawCarry?: BackfillCarry): Promise<BackfillResult> {
  const input = parseOrFail(() => parseBackfillInput(rawInput));
  const chunks = chunkRange(input.from, input.to, input.chunkDays);
  const carry = parseOrFail(() => parseBackfillCarry(rawCarry, chunks.length));
  const state: BackfillCarry = carry ?? { nextChunk: 0, run: 1, rows: 0, counts: ZERO_COUNTS };
  const progress: BackfillProgress = {
    platform: input.platform,
    accountId: input.accountId,
    from: input.from,
    to: input.to,
    chunksTotal: chunks.length,
    chunksDone: state.nextChunk,
    run: state.run,
    rows: state.rows,
    counts: state.counts,
  };
  setHandler(backfillProgressQuery, () => progress, { description: 'Chunks done, rows stored, workflow runs so far' });
  upsertSearchAttributes([
    { key: SA_PLATFORM, value: input.platform },
    { key: SA_ACCOUNT, value: input.accountId },
    { key: SA_RUN_KIND, value: 'backfill' },
  ]);
  const details = () => describeBackfill(`${input.platform} ${input.accountId}`, progress);
  details();

  if (carry === undefined) await checkBackfillAgainstConfig(input);

  await pullChunks({
    chunks,
    state,
    chunksPerRun: input.chunksPerRun,
    continueWith: (next) => continueAsNew<typeof backfill>(rawInput, next),
    pull: (chunk) =>
      executeChild(pullAccount, {
        workflowId: pullWorkflowId(input.platform, input.accountId, chunk.from, chunk.to, workflowInfo().workflowId),
        taskQueue: workflowInfo().taskQueue,
        args: [{ platform: input.platform, accountId: input.accountId, from: chunk.from, to: chunk.to }],
        typedSearchAttributes: [
          { key: SA_PLATFORM, value: input.platform },
          { key: SA_ACCOUNT, value: input.accountId },
          { key: SA_RUN_KIND, value: 'pull' },
        ],
      }),
    progress,
    onChunk: details,
  });
  return {
    platform: input.platform,
    accountId: input.accountId,
    from: input.from,
    to: input.to,
    chunks: chunks.length,
    runs: state.run,
    rows: state.rows,
    counts: state.counts,
  };
}

/**
 * The chunks from state.nextChunk on, one child each, in order, updating `state`; continues as new every
 * `chunksPerRun` chunks (or when the server suggests it) once every handler has finished, carrying `state` on.
 */
export async function pullChunks(opts: {
  chunks: ReadonlyArray<{ from: string; to: string }>;
  state: BackfillCarry;
  chunksPerRun: number;
  continueWith: (carry: BackfillCarry) => Promise<never>;
  pull: (chunk: { from: string; to: string }) => Promise<{ rows: number; counts: UpsertCounts }>;
  /** Updated after each chunk, then onChunk is called. */
  progress: Pick<BackfillProgress, 'chunksDone' | 'rows' | 'counts'>;
  onChunk: () => void;
}): Promise<void> {
  const { chunks, state } = opts;
  let chunksThisRun = 0;
  while (state.nextChunk < chunks.length) {
    if (chunksThisRun >= opts.chunksPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      log.info('backfill continuing as new', { nextChunk: state.nextChunk, run: state.run });
      await opts.continueWith({ ...state, run: state.run + 1 });
    }
    const result = await opts.pull(chunks[state.nextChunk] as { from: string; to: string });
    state.nextChunk += 1;
    state.rows += result.rows;
    state.counts = addCounts(state.counts, result.counts);
    chunksThisRun += 1;
    Object.assign(opts.progress, { chunksDone: state.nextChunk, rows: state.rows, counts: state.counts });
    opts.onChunk();
  }
}

/** A backfill's current details in the Web UI: what, range, chunks done, run, rows. */
export function describeBackfill(
  what: string,
  p: Pick<BackfillProgress, 'from' | 'to' | 'chunksDone' | 'chunksTotal' | 'run' | 'rows'>,
): void {
  setCurrentDetails(
    `**Backfill ${what} ${p.from}..${p.to}**\n\nChunks: ${p.chunksDone}/${p.chunksTotal} (run ${p.run})\n\nRows: ${p.rows}`,
  );
}
