import type { Platform } from '../domain/platforms';
import { googleAdsSandbox } from './google_ads';
import { kakaoSandbox } from './kakao';
import { metaSandbox } from './meta';
import { naverSandbox } from './naver';
import type { SandboxPlatformModule } from './platform-module';
import { tiktokSandbox } from './tiktok';

/** Every platform the sandbox serves, under /<platform>/... */
export const SANDBOX_PLATFORMS: Record<Platform, SandboxPlatformModule> = {
  meta: metaSandbox,
  google_ads: googleAdsSandbox,
  naver: naverSandbox,
  kakao: kakaoSandbox,
  tiktok: tiktokSandbox,
};
