import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { describeCliError } from '../../src/cli/errors';
import { InputError } from '../../src/domain/workflow-input';

describe('CLI error messages', () => {
  it('prints the root cause of a failed workflow, with its type and the next step', () => {
    const root = ApplicationFailure.nonRetryable('to: 2099-01-01 is after today', 'InvalidWorkflowInput');
    const activity = new ActivityFailure(
      'activity failed',
      'pullAccountData',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      undefined,
      root,
    );
    const err = new WorkflowFailedError('Workflow execution failed', activity, RetryState.NON_RETRYABLE_FAILURE);
    expect(describeCliError(err)).toBe(
      'workflow failed: InvalidWorkflowInput: to: 2099-01-01 is after today\nFix the named field and start the run again.',
    );
  });

  it('names the wrong fields of a rejected --input', () => {
    expect(describeCliError(new InputError('backfill', ['nextChunk: expected a chunk index 0..3, got -1']))).toContain(
      'nextChunk: expected a chunk index 0..3, got -1',
    );
  });
});
