import { setCurrentDetails } from '@temporalio/workflow';
import { parseDailyOpsInput, type PullAllInput } from '../domain/workflow-input';
import { accountsFailed, planRun } from './daily-ops';
import { describe, newFanOutProgress, pullAccountsInParallel, type FanOutResult } from './fan-out';
import { parseOrFail } from './failures';

export interface PullAllResult {
  date: string;
  accounts: Array<{ platform: string; accountId: string; from: string; to: string }>;
  failed: FanOutResult['failed'];
  rows: number;
  counts: FanOutResult['counts'];
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
  const pulled = await pullAccountsInParallel(plan, progress, title);
  progress.phase = 'done';
  setCurrentDetails(describe(title, progress));
  const result: PullAllResult = {
    date: plan.date,
    accounts: plan.accounts.map(({ platform, accountId, from, to }) => ({ platform, accountId, from, to })),
    failed: pulled.failed,
    rows: pulled.rows,
    counts: pulled.counts,
  };
  if (pulled.failed.length > 0)
    throw accountsFailed(pulled.failed, plan.accounts.length, result, 'the others were pulled');
  return result;
}
