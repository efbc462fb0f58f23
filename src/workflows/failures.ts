import { ApplicationFailure } from '@temporalio/workflow';
import { InputError } from '../domain/workflow-input';

/** Bad input fails the run at once, non-retryably, naming every wrong field. */
export function parseOrFail<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof InputError) {
      throw ApplicationFailure.nonRetryable(err.message, 'InvalidWorkflowInput', { problems: err.problems });
    }
    throw err;
  }
}
