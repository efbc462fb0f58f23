import { ApplicationFailure } from '@temporalio/common';
import type { ConnectorContext, PlatformConnector } from '../connector';
import { FAILURE_TYPES } from '../http/failures';

// Interim factory until the tiktok connector lands: fails the pull non-retryably with a clear message.
export function createTiktokConnector(ctx: ConnectorContext): PlatformConnector {
  throw ApplicationFailure.nonRetryable(
    `the tiktok connector is not available in this build (account ${ctx.account.accountId})`,
    FAILURE_TYPES.config,
  );
}
