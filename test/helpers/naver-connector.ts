import type { AccountConfig, PlatformSettings } from '../../src/config/schema';
import { RequestPacer } from '../../src/connectors/rate-limiter';
import { createNaverConnector } from '../../src/platforms/naver/connector/connector';
import type { RunningSandbox } from '../../src/sandbox/server';
import { sandboxWorld } from './sandbox';

/**
 * A Naver connector pointed at the sandbox for one customer (KRW, Seoul), signing with `grant`'s key pair: up to
 * three quick attempts per call, `pageSize` entities a page.
 */
export function naverSandboxConnector(
  sandbox: RunningSandbox,
  grant: { token: string; secret?: string },
  options: { accountId: string; advertiserId: string; pageSize: number; isMature: (date: string) => boolean },
) {
  const account: AccountConfig = {
    platform: 'naver',
    accountId: options.accountId,
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    credentials: { apiKey: 'NAVER_API_KEY', secretKey: 'NAVER_SECRET_KEY' },
  };
  return createNaverConnector({
    platform: 'naver',
    account,
    advertiserId: options.advertiserId,
    settings: { pageSize: options.pageSize, restatementWindowDays: 3 } as PlatformSettings,
    baseUrl: `${sandbox.url}/naver`,
    credential: (key) => (key === 'apiKey' ? grant.token : grant.secret!),
    policy: { pacer: new RequestPacer(1000), timeoutMs: 2000, attempts: 3, maxInAttemptWaitMs: 1000, minBackoffMs: 10 },
    isMature: options.isMature,
    now: () => new Date(),
  });
}

/**
 * config/sandbox.yaml without Naver's organic per-customer throttle (the tests count requests), its first key pair,
 * and the signing credentials for customer 1234567.
 */
export function naverTestWorld() {
  const world = sandboxWorld();
  world.naver!.options = { ...world.naver!.options, requestsPerSecondPerCustomer: 10_000 };
  const grant = world.naver!.grants[0]!;
  const credentials = { apiKey: grant.token, secretKey: grant.secret!, customerId: '1234567' };
  return { world, grant, credentials };
}
