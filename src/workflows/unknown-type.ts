import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import { WORKFLOW_TYPES } from '../domain/workflow-types';

/**
 * Runs for any workflow type the worker does not know (a typo in the Web UI's "Workflow Type" field). Without it the
 * run would sit in Running forever, its tasks failing; with it, it fails at once and says which types exist.
 */
export default async function unknownWorkflowType(): Promise<never> {
  const type = workflowInfo().workflowType;
  throw ApplicationFailure.nonRetryable(
    `Unknown workflow type "${type}". This worker runs: ${WORKFLOW_TYPES.join(', ')}.`,
    'UnknownWorkflowType',
  );
}
