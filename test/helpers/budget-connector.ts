import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '../../src/config/load';
import type { AccountConfig } from '../../src/config/schema';
import type { BudgetConnector } from '../../src/connectors/budget';
import { RequestPacer } from '../../src/connectors/rate-limiter';
import { createBudgetConnector } from '../../src/connectors/registry';
import { baseUrlEnvVar, type Platform } from '../../src/domain/platforms';
import type { RunningSandbox } from '../../src/sandbox/server';
import { projectRoot } from '../../src/stack/paths';
import { testPlatforms } from './platform-settings';

const root = projectRoot();
const secrets = parseEnv(readFileSync(path.join(root, 'config', 'sandbox.env'), 'utf8')) as Record<string, string>;

/** The config/accounts.yaml entry of a platform account. */
export function configuredAccount(platform: Platform, accountId: string): AccountConfig {
  const accounts = loadConfig(path.join(root, 'config')).accounts.advertisers.flatMap((a) => a.accounts);
  const account = accounts.find((a) => a.platform === platform && a.accountId === accountId);
  if (!account) throw new Error(`no ${platform} account ${accountId} in config/accounts.yaml`);
  return account;
}

/**
 * A budget connector built by the registry, as an activity would build it, pointed at the sandbox through
 * ADOPS_<PLATFORM>_BASE_URL, with the sandbox's credentials and one attempt per call (no retries hide a failure).
 */
export function sandboxBudgetConnector(
  sandbox: RunningSandbox,
  platform: Platform,
  accountId: string,
): BudgetConnector {
  return createBudgetConnector({
    platform,
    account: configuredAccount(platform, accountId),
    advertiserId: 'test-advertiser',
    settings: testPlatforms().platforms[platform]!,
    policy: { pacer: new RequestPacer(1000), timeoutMs: 2000, attempts: 1, maxInAttemptWaitMs: 0, minBackoffMs: 10 },
    env: { ...secrets, [baseUrlEnvVar(platform)]: `${sandbox.url}/${platform}` },
    now: () => new Date(),
  });
}

/** What BudgetRefused a promise rejects with (fails the test when it resolves or throws something else). */
export async function refusalOf(promise: Promise<unknown>): Promise<{ name: string; reason: string; code?: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error) || err.name !== 'BudgetRefused') {
    throw new Error(
      `expected BudgetRefused, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    );
  }
  return err as unknown as { name: string; reason: string; code?: string };
}
