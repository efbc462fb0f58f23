import { ApplicationFailure } from '@temporalio/common';
import type { AccountConfig } from '../config/schema';
import { FAILURE_TYPES } from './failures';

/** Reads an account's secret from the environment variable its config names. Only ever called inside activities. */
export function readCredential(account: AccountConfig, key: string, env: NodeJS.ProcessEnv = process.env): string {
  const variable = account.credentials[key];
  if (!variable) {
    throw ApplicationFailure.nonRetryable(
      `${account.platform} account ${account.accountId}: config/accounts.yaml has no credentials.${key}. Add the name of the environment variable that holds it.`,
      FAILURE_TYPES.missingCredential,
    );
  }
  const value = env[variable];
  if (!value) {
    throw ApplicationFailure.nonRetryable(
      `${account.platform} account ${account.accountId}: environment variable ${variable} (credentials.${key}) is not set on the worker. Set it and retry the workflow.`,
      FAILURE_TYPES.missingCredential,
    );
  }
  return value;
}

/** Removes a secret from text that is about to be stored or logged (e.g. Meta's paging.next repeats access_token). */
export function redactSecret(text: string, secret: string): string {
  const withoutParam = text.replace(/(access_token=)[^&"'\s]+/g, '$1REDACTED');
  return secret.length >= 6 ? withoutParam.split(secret).join('REDACTED') : withoutParam;
}
