import type { Platform } from '../domain/platforms';
import { DEFAULT_RUN_TIMEOUT_MINUTES, type WorkflowType } from '../domain/workflow-types';
import type { AccountsFile, AccountConfig, PlatformsFile } from './schema';

export interface OwnedAccount {
  /** The advertiser config/accounts.yaml files the account under: the only source of who owns stored rows. */
  advertiserId: string;
  account: AccountConfig;
}

/** The one lookup of an ad account in config; undefined when config/accounts.yaml does not list it. */
export function findAccount(accounts: AccountsFile, platform: Platform, accountId: string): OwnedAccount | undefined {
  for (const advertiser of accounts.advertisers) {
    const account = advertiser.accounts.find((a) => a.platform === platform && a.accountId === accountId);
    if (account) return { advertiserId: advertiser.id, account };
  }
  return undefined;
}

/** Credential variables config names that the environment does not set: each pull of those accounts would fail. */
export function unsetCredentialVariables(
  accounts: AccountsFile,
  env: NodeJS.ProcessEnv,
): Array<{ advertiserId: string; platform: Platform; accountId: string; key: string; variable: string }> {
  return accounts.advertisers.flatMap((advertiser) =>
    advertiser.accounts.flatMap((account) =>
      Object.entries(account.credentials)
        .filter(([, variable]) => !env[variable])
        .map(([key, variable]) => ({
          advertiserId: advertiser.id,
          platform: account.platform,
          accountId: account.accountId,
          key,
          variable,
        })),
    ),
  );
}

/** A workflow type's execution timeout in milliseconds: config's runs.timeoutMinutes, else the default. */
export function runTimeoutMs(runs: PlatformsFile['runs'], type: WorkflowType): number {
  return (runs.timeoutMinutes[type] ?? DEFAULT_RUN_TIMEOUT_MINUTES[type]) * 60_000;
}
