import { ApplicationFailure } from '@temporalio/common';
import type { ConnectorContext, PlatformConnector } from '../connector';
import { FAILURE_TYPES } from '../http/failures';

// Interim factory until the naver connector lands: fails the pull non-retryably with a clear message.
export function createNaverConnector(ctx: ConnectorContext): PlatformConnector {
  throw ApplicationFailure.nonRetryable(
    `the naver connector is not available in this build (account ${ctx.account.accountId})`,
    FAILURE_TYPES.config,
  );
}
