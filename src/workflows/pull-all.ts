import { setCurrentDetails } from '@temporalio/workflow';
import { parseDailyOpsInput, type PullAllInput } from '../domain/workflow-input';
import { planRun, pullAccountsAndTrackers, pullsFailed } from './daily-ops';
import { describe, newFanOutProgress, type FanOutResult } from './fan-out';
import type { TrackerFanOutResult } from './tracker-fan-out';
import { parseOrFail } from './failures';

export interface PullAllResult {
  date: string;
  accounts: Array<{ platform: string; accountId: string; from: string; to: string }>;
  failed: FanOutResult['failed'];
  rows: number;
  counts: FanOutResult['counts'];
  /** Tracker apps pulled beside the accounts (absent in runs from before tracker pulls joined pullAll). */
  trackers?: TrackerFanOutResult;
}

/**
 * Re-pulls every chosen account's restatement window (Meta 28 days, Google 14, TikTok and Naver 3, Kakao the day
 * itself; config/platforms.yaml or input.windowDays), so values the platforms restate are corrected in MongoDB.
 */
export async function pullAll(rawInput: PullAllInput = {}): Promise<PullAllResult> {
  const input = parseOrFail(() => parseDailyOpsInput(rawInput, 'pullAll'));
  const progress = newFanOutProgress();
  const plan = await planRun(input, 'pull-all', progress);
  const title = `Pull all ${plan.date}`;
  const { pulled, tracked } = await pullAccountsAndTrackers(plan, progress, title);
  progress.phase = 'done';
  setCurrentDetails(describe(title, progress));
  const result: PullAllResult = {
    date: plan.date,
    accounts: plan.accounts.map(({ platform, accountId, from, to }) => ({ platform, accountId, from, to })),
    failed: pulled.failed,
    rows: pulled.rows,
    counts: pulled.counts,
    ...(tracked ? { trackers: tracked } : {}),
  };
  const failure = pullsFailed(plan, pulled, tracked, result, 'the others were pulled');
  if (failure) throw failure;
  return result;
}
