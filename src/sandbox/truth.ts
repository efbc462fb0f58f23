import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import type { TruthRow } from './platform-module';
import { SANDBOX_PLATFORMS } from './registry';
import type { SandboxWorld } from './world';

export type { TruthRow } from './platform-module';

/** Rows a platform would report for [from, to] when asked at `now`. */
export function platformTruth(
  world: SandboxWorld,
  platform: Platform,
  accountId: string,
  from: IsoDate,
  to: IsoDate,
  now: Date,
): TruthRow[] {
  return SANDBOX_PLATFORMS[platform].truth(world, accountId, from, to, now);
}

export function metaTruth(world: SandboxWorld, accountId: string, from: IsoDate, to: IsoDate, now: Date): TruthRow[] {
  return platformTruth(world, 'meta', accountId, from, to, now);
}
