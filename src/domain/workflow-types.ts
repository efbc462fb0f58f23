/** The workflow types the worker registers: what an AE may type into the Web UI's "Workflow Type" field. */
export const WORKFLOW_TYPES = [
  'dailyOps',
  'pullAll',
  'backfill',
  'backfillTrackerApp',
  'pullAccount',
  'pullTrackerApp',
  'rebalanceBudgets',
  'generateReport',
  'rulePromotion',
] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

export const isWorkflowType = (value: string): value is WorkflowType =>
  (WORKFLOW_TYPES as readonly string[]).includes(value);

/**
 * How long one run of each type may take before Temporal times it out, so a stuck run cannot hold its schedule (which
 * skips a run while the previous one is open) or its parent forever. Overridden by runs.timeoutMinutes in config.
 */
export const DEFAULT_RUN_TIMEOUT_MINUTES: Record<WorkflowType, number> = {
  dailyOps: 240,
  pullAll: 240,
  pullAccount: 120,
  // A quota-spent AppsFlyer app waits for 00:00 UTC: up to a day, then the pull itself.
  pullTrackerApp: 1_560,
  backfill: 2_880,
  // A tracker app's backfill waits on daily quotas (AppsFlyer: 24 long-range calls a day per app), chunk after chunk.
  backfillTrackerApp: 10_080,
  // A week: longer than any approvalExpiresAfter a rule may set (at most 6 days), so a waiting plan expires first.
  rebalanceBudgets: 10_080,
  // A report that waits for review (at most 7 days) and then retries its delivery.
  generateReport: 11_520,
  // A proposed promotion waits up to proposalExpiresAfter (at most 28 days) for an engineer; a day more to record it.
  rulePromotion: 41_760,
};
