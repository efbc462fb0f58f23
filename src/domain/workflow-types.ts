/** The workflow types the worker registers: what an AE may type into the Web UI's "Workflow Type" field. */
export const WORKFLOW_TYPES = ['dailyOps', 'pullAll', 'backfill', 'pullAccount'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];
