import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { EngineConfig } from '../config/load';
import { findAccount, type OwnedAccount } from '../config/accounts';
import type { PlatformSettings } from '../config/schema';
import type { Platform } from '../domain/platforms';
import { FAILURE_TYPES } from '../connectors/failures';
import { pacerFor } from '../connectors/rate-limiter';
import type { ConnectorRequest } from '../connectors/registry';
import { INVALID_INPUT } from './run-bounds';

/**
 * What every activity that calls a platform needs: the account as config lists it (never as the input claims it),
 * its platform settings, and the request policy (pacing, timeouts, cancellation, in-attempt retries, heartbeats).
 */
export function connectorRequestFor(
  config: EngineConfig,
  target: { platform: Platform; accountId: string },
  ctx: Context,
  options: { env: NodeJS.ProcessEnv; now: () => Date; onWait: () => void },
): { request: ConnectorRequest; owned: OwnedAccount; settings: PlatformSettings } {
  const owned = findAccount(config.accounts, target.platform, target.accountId);
  if (!owned) {
    throw ApplicationFailure.nonRetryable(
      `${target.platform} account ${target.accountId} is not in config/accounts.yaml; add it there or fix the account id.`,
      INVALID_INPUT,
    );
  }
  const settings = config.platforms.platforms[target.platform];
  if (!settings) {
    throw ApplicationFailure.nonRetryable(
      `config/platforms.yaml has no settings for ${target.platform}`,
      FAILURE_TYPES.config,
    );
  }
  const request: ConnectorRequest = {
    platform: target.platform,
    account: owned.account,
    advertiserId: owned.advertiserId,
    settings,
    env: options.env,
    now: options.now,
    policy: {
      pacer: pacerFor(target.platform, settings.requestsPerSecond),
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      signal: ctx.cancellationSignal,
      attempts: 5,
      maxInAttemptWaitMs: 30_000,
      minBackoffMs: settings.minRateLimitBackoffSeconds * 1000,
      onWait: options.onWait,
      maxBodyBytes: settings.maxBodyBytes,
    },
  };
  return { request, owned, settings };
}
