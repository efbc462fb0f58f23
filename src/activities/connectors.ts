import type { AccountConfig, PlatformSettings } from '../config/schema';
import { baseUrlEnvVar, type Platform } from '../domain/platforms';
import type { PlatformConnector } from './connector';
import { readCredential } from './credentials';
import type { RequestPolicy } from './http/client';
import { createMetaConnector } from './meta/connector';

export interface ConnectorRequest {
  platform: Platform;
  account: AccountConfig;
  advertiserId: string;
  settings: PlatformSettings;
  policy: Omit<RequestPolicy, 'classify'>;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** The live API unless ADOPS_<PLATFORM>_BASE_URL points somewhere else (the sandbox, a proxy). */
export function resolveBaseUrl(platform: Platform, settings: PlatformSettings, env: NodeJS.ProcessEnv): string {
  return env[baseUrlEnvVar(platform)] ?? settings.baseUrl;
}

export function createConnector(request: ConnectorRequest): PlatformConnector {
  const { platform, account, settings, env } = request;
  const baseUrl = resolveBaseUrl(platform, settings, env);
  switch (platform) {
    case 'meta':
      return createMetaConnector({
        baseUrl,
        settings,
        account,
        advertiserId: request.advertiserId,
        accessToken: readCredential(account, 'accessToken', env),
        policy: request.policy,
        now: request.now,
      });
    default:
      throw new Error(`no connector for platform ${platform} yet`);
  }
}
