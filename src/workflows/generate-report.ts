import { condition, log, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import { parseReview, type ReviewInput } from '../domain/report-review';
import { parseGenerateReportInput, type GenerateReportInput } from '../domain/workflow-input';
import { parseOrFail } from './failures';
import { reportQuery, reviewUpdate, type ReportState } from './messages';

const { writeAdvertiserReport, markReport } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InvalidWorkflowInput', 'ConfigError'] },
});

// A failed delivery is retried with back-off for up to a day; the report on disk is never rewritten by it.
const { deliverReport } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 200,
    nonRetryableErrorTypes: ['ConfigError'],
  },
});

/**
 * One advertiser's report for a period in every format (XLSX, CSV, HTML, PDF), recorded in `reports`. With
 * `deliver`, its summary and file locations go to Slack; with `review`, only after an AE approves it through the
 * `review` Update, and not at all if nobody decides before `reviewExpiresAfterMinutes`.
 */
export async function generateReport(rawInput: GenerateReportInput): Promise<ReportState> {
  const input = parseOrFail(() => parseGenerateReportInput(rawInput));
  const state: ReportState = { phase: 'writing', files: [] };
  let decision: ReviewInput | undefined;
  setHandler(reportQuery, () => state, { description: 'Where the report is and what became of it' });
  setHandler(
    reviewUpdate,
    async (arg) => {
      decision = parseReview(arg);
      await condition(() => state.phase === 'done');
      return state;
    },
    {
      validator: (arg) => {
        if (state.phase !== 'awaiting_review')
          throw new Error(`Invalid review: this report is ${state.phase}, not waiting for review`);
        parseReview(arg);
      },
      description: 'Approve or reject the report before it is sent: {"decision": "approve"|"reject", "by", "reason"}',
    },
  );

  const written = await writeAdvertiserReport(input);
  Object.assign(state, {
    reportId: written.reportId,
    files: written.files,
    summary: written.summary,
    status: 'written',
  });
  setCurrentDetails(`${written.summary}\n\n${written.files.map((f) => `- ${f.format}: ${f.path}`).join('\n')}`);

  if (input.deliver) {
    if (input.review) {
      state.phase = 'awaiting_review';
      state.status = 'awaiting_review';
      await markReport({ reportId: written.reportId, status: 'awaiting_review' });
      const decided = await condition(() => decision !== undefined, (input.reviewExpiresAfterMinutes ?? 1440) * 60_000);
      if (!decided || decision?.decision !== 'approve') {
        const detail = decided
          ? `rejected by ${decision?.by}: ${decision?.reason ?? ''}`
          : 'nobody reviewed it in time';
        state.status = 'not_delivered';
        if (decision) state.review = decision;
        await markReport({ reportId: written.reportId, status: 'not_delivered', detail });
        log.info('report not delivered', { reportId: written.reportId, detail });
        state.phase = 'done';
        return state;
      }
      state.review = decision;
    }
    state.phase = 'delivering';
    await deliverReport({ reportId: written.reportId, summary: written.summary, files: written.files });
    state.status = 'delivered';
  }
  state.phase = 'done';
  log.info('report done', { reportId: written.reportId, status: state.status });
  return state;
}
