import type { AccountConfig, PlatformSettings } from '../config/schema';
import { isMature } from '../domain/maturity';
import { baseUrlEnvVar, type Platform } from '../domain/platforms';
import type { BudgetConnector, BudgetRules } from './budget';
import type { ConnectorContext, ConnectorFactory, PlatformConnector } from './connector';
import { readCredential } from './credentials';
import { createGoogleAdsConnector } from '../platforms/google_ads/connector/connector';
import type { RequestPolicy } from './http-client';
import { createKakaoConnector } from '../platforms/kakao/connector/connector';
import { createMetaConnector } from '../platforms/meta/connector/connector';
import { createNaverConnector } from '../platforms/naver/connector/connector';
import { createTiktokConnector } from '../platforms/tiktok/connector/connector';
import { googleAdsBudgetRules } from '../platforms/google_ads/budget-rules';
import { createGoogleAdsBudgetConnector } from '../platforms/google_ads/connector/budget';
import { kakaoBudgetRules } from '../platforms/kakao/budget-rules';
import { createKakaoBudgetConnector } from '../platforms/kakao/connector/budget';
import { metaBudgetRules } from '../platforms/meta/budget-rules';
import { createMetaBudgetConnector } from '../platforms/meta/connector/budget';
import { naverBudgetRules } from '../platforms/naver/budget-rules';
import { createNaverBudgetConnector } from '../platforms/naver/connector/budget';
import { tiktokBudgetRules } from '../platforms/tiktok/budget-rules';
import { createTiktokBudgetConnector } from '../platforms/tiktok/connector/budget';

export const CONNECTORS: Record<Platform, ConnectorFactory> = {
  meta: createMetaConnector,
  google_ads: createGoogleAdsConnector,
  naver: createNaverConnector,
  kakao: createKakaoConnector,
  tiktok: createTiktokConnector,
};

export const BUDGET_CONNECTORS: Record<Platform, (ctx: ConnectorContext) => BudgetConnector> = {
  meta: createMetaBudgetConnector,
  google_ads: createGoogleAdsBudgetConnector,
  naver: createNaverBudgetConnector,
  kakao: createKakaoBudgetConnector,
  tiktok: createTiktokBudgetConnector,
};

/** Each platform's documented budget rules in one currency (defaults; config overrides them later). */
export const BUDGET_RULES: Record<Platform, (currency: string) => BudgetRules> = {
  meta: metaBudgetRules,
  google_ads: googleAdsBudgetRules,
  naver: naverBudgetRules,
  kakao: kakaoBudgetRules,
  tiktok: tiktokBudgetRules,
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

/** What every connector of the request's platform gets, pull or budget alike. */
export function connectorContext(request: ConnectorRequest): ConnectorContext {
  const { platform, account, settings, env, now } = request;
  const rule = { windowDays: settings.restatementWindowDays, settlesAt: settings.settlesAt };
  return {
    platform,
    account,
    advertiserId: request.advertiserId,
    settings,
    baseUrl: resolveBaseUrl(platform, settings, env),
    credential: (key) => readCredential(account, key, env),
    policy: request.policy,
    isMature: (date) => isMature(date, now(), account.timeZone, rule),
    now,
  };
}

export function createConnector(request: ConnectorRequest): PlatformConnector {
  return CONNECTORS[request.platform](connectorContext(request));
}

/** Reads and sets daily budgets; the same context as the pull, so auth, pacing and base URL are configured once. */
export function createBudgetConnector(request: ConnectorRequest): BudgetConnector {
  return BUDGET_CONNECTORS[request.platform](connectorContext(request));
}
