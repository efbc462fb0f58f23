import type { AccountConfig, PlatformSettings } from '../config/schema';
import { isMature } from '../domain/maturity';
import { baseUrlEnvVar, type Platform } from '../domain/platforms';
import type { ConnectorFactory, PlatformConnector } from './connector';
import { readCredential } from './credentials';
import { createGoogleAdsConnector } from '../platforms/google_ads/connector/connector';
import type { RequestPolicy } from './http-client';
import { createKakaoConnector } from '../platforms/kakao/connector/connector';
import { createMetaConnector } from '../platforms/meta/connector/connector';
import { createNaverConnector } from '../platforms/naver/connector/connector';
import { createTiktokConnector } from '../platforms/tiktok/connector/connector';

export const CONNECTORS: Record<Platform, ConnectorFactory> = {
  meta: createMetaConnector,
  google_ads: createGoogleAdsConnector,
  naver: createNaverConnector,
  kakao: createKakaoConnector,
  tiktok: createTiktokConnector,
};

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
  const { platform, account, settings, env, now } = request;
  const rule = { windowDays: settings.restatementWindowDays, settlesAt: settings.settlesAt };
  return CONNECTORS[platform]({
    platform,
    account,
    advertiserId: request.advertiserId,
    settings,
    baseUrl: resolveBaseUrl(platform, settings, env),
    credential: (key) => readCredential(account, key, env),
    policy: request.policy,
    isMature: (date) => isMature(date, now(), account.timeZone, rule),
    now,
  });
}
