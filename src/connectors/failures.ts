import { ApplicationFailure } from '@temporalio/common';
import type { ApiFailure } from './errors';

/** Failure types engineers see in the Web UI; the non-retryable ones are final without burning retries. */
export const FAILURE_TYPES = {
  auth: 'AdApiAuthError',
  permission: 'AdApiPermissionError',
  bad_request: 'AdApiBadRequest',
  not_found: 'AdApiNotFound',
  rate_limited: 'AdApiRateLimited',
  transient: 'AdApiServerError',
  malformed: 'AdApiMalformedResponse',
  missingCredential: 'MissingCredential',
  accountMismatch: 'AccountMismatch',
  config: 'ConfigError',
} as const;

const WHAT_TO_DO: Record<ApiFailure['kind'], string> = {
  auth: 'Re-authorise the connection and update the credential environment variable, then retry the workflow.',
  permission: 'Grant the token access to this account (or fix the account id in config/accounts.yaml).',
  bad_request: 'The request was rejected as invalid; check the account config and the connector version.',
  not_found: 'The object no longer exists on the platform; remove it from config or re-sync entities.',
  rate_limited: 'Temporal retries after the platform-given delay.',
  transient: 'Temporal retries with back-off.',
};

export interface FailureContext {
  platform: string;
  accountId: string;
}

/** Turns a classified API failure into an ApplicationFailure with a type per cause and a message saying what to do. */
export function toApplicationFailure(
  failure: ApiFailure,
  ctx: FailureContext,
  minBackoffMs: number,
): ApplicationFailure {
  const trace = failure.traceId ? ` [trace ${failure.traceId}]` : '';
  const message = `${ctx.platform} account ${ctx.accountId}: ${failure.message}${trace}. ${WHAT_TO_DO[failure.kind]}`;
  const type = FAILURE_TYPES[failure.kind];
  if (failure.kind === 'rate_limited') {
    return ApplicationFailure.create({
      type,
      message,
      nextRetryDelay: Math.max(failure.retryAfterMs ?? 0, minBackoffMs),
    });
  }
  if (failure.kind === 'transient') return ApplicationFailure.retryable(message, type);
  return ApplicationFailure.nonRetryable(message, type);
}
