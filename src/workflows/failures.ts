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

/** The innermost failure of a chain (ChildWorkflowFailure → ActivityFailure → ApplicationFailure): what went wrong. */
export function rootCause(err: unknown): { message: string; type?: string } {
  let current = err as { cause?: unknown; message?: string; type?: string } | undefined;
  while (current?.cause) current = current.cause as typeof current;
  return { message: current?.message ?? String(err), type: current?.type };
}

/** Re-raises an activity's failure as the workflow's own, with the root message and type (readable in the UI). */
export function rethrowRoot(err: unknown): never {
  const root = rootCause(err);
  throw ApplicationFailure.nonRetryable(root.message, root.type ?? 'ActivityFailed');
}
