import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ConfigError } from '../config/load';
import { PlanInputError } from '../domain/budget/plan-input';
import { InputError } from '../domain/workflow-input';

interface FailureChain {
  message?: string;
  type?: string;
  cause?: unknown;
  details?: unknown;
}

/** The innermost failure (workflow → child → activity → application failure): the part that names the field. */
function innermost(err: unknown): FailureChain {
  let current = err as FailureChain;
  while (current.cause) current = current.cause as FailureChain;
  return current;
}

const NEXT_STEP: Record<string, string> = {
  InvalidWorkflowInput: 'Fix the named field and start the run again.',
  UnknownWorkflowType: 'Use one of the listed workflow types.',
  ConfigError: 'Fix the config file and restart the worker (`bin/adops config check` shows every problem).',
  AdApiAuthError: 'Renew the credential named in config/accounts.yaml, then re-run.',
  AdApiPermissionError: 'Grant the token access to that ad account, or remove the account from config.',
  AdApiMalformedResponse: 'The platform answered something unexpected; see raw_pulls for the body, then report it.',
  MissingCredential: 'Set the environment variable named in the message for the worker, then re-run.',
  AccountMismatch: 'Fix the currency or time zone of that account in config/accounts.yaml.',
};

/** What the CLI prints for an error: the root cause's type and message (the named field), and what to do next. */
export function describeCliError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof PlanInputError)
    return `${err.message}\nFix the named field(s) in the plan input file and run again.`;
  if (err instanceof InputError) return `${err.message}\nFix the named field(s) in --input and run again.`;
  if (err instanceof WorkflowFailedError) {
    const root = innermost(err);
    const type = root.type ?? 'WorkflowFailed';
    const next = NEXT_STEP[type] ?? 'Open the run in the Temporal Web UI for its full history.';
    return `workflow failed: ${type}: ${root.message ?? err.message}\n${next}`;
  }
  if (err instanceof WorkflowNotFoundError) return `${err.message}\nCheck the workflow id (bin/adops run prints it).`;
  const root = innermost(err);
  return `adops: ${root.message ?? String(err)}`;
}
