import type { Platform } from '../domain/platforms';
import { googleAdsSandbox } from '../platforms/google_ads/sandbox';
import { kakaoSandbox } from '../platforms/kakao/sandbox';
import { metaSandbox } from '../platforms/meta/sandbox';
import { naverSandbox } from '../platforms/naver/sandbox';
import type { SandboxPlatformModule } from './platform-module';
import { tiktokSandbox } from '../platforms/tiktok/sandbox';
import type { Tracker } from '../domain/trackers';
import { adjustSandbox } from '../trackers/adjust/sandbox';
import { airbridgeSandbox } from '../trackers/airbridge/sandbox';
import { appsflyerSandbox } from '../trackers/appsflyer/sandbox';
import type { SandboxTrackerModule } from './tracker-module';

/** Every platform the sandbox serves, under /<platform>/... */
export const SANDBOX_PLATFORMS: Record<Platform, SandboxPlatformModule> = {
  meta: metaSandbox,
  google_ads: googleAdsSandbox,
  naver: naverSandbox,
  kakao: kakaoSandbox,
  tiktok: tiktokSandbox,
};

/** Every tracker the sandbox serves, under /<tracker>/... beside the media, from the same process. */
export const SANDBOX_TRACKERS: Record<Tracker, SandboxTrackerModule> = {
  appsflyer: appsflyerSandbox,
  adjust: adjustSandbox,
  airbridge: airbridgeSandbox,
};
