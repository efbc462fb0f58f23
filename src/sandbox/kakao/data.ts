import type { MaturityRule } from '../../domain/maturity';
import { MICROS_PER_UNIT } from '../../domain/money';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../generator';
import type { SandboxWorld } from '../world';

/** Values for a date are provisional until 08:00 KST the next day (docs kakaomoment/report; config kakao). */
export const KAKAO_RESTATEMENT: MaturityRule = { windowDays: 1, settlesAt: '08:00' };

/** Default spacing of report calls per ad account (docs kakaomoment/report: one call per 5 s). */
export const DEFAULT_REPORT_INTERVAL_MS = 5_000;

export interface KakaoSandboxCampaign extends GeneratedCampaign {
  /** Kakao ids are Longs and travel as JSON numbers (docs kakaomoment/campaign). */
  id: number;
  /** ON | OFF (DEL campaigns are not generated). */
  config: 'ON' | 'OFF';
  /** Integer KRW, or null for "no daily limit" (reference §4.5; meaning of null unverified). */
  dailyBudgetAmount: number | null;
}

/** Campaign ids like Kakao's: integers, here the account id followed by a 3-digit index (10000 → 10000001...). */
export function kakaoCampaigns(seed: number, account: SandboxAccount): KakaoSandboxCampaign[] {
  return generateCampaigns(seed, 'kakao', account).map((c) => ({
    ...c,
    id: Number(`${account.id}${String(c.index + 1).padStart(3, '0')}`),
    config: c.status === 'ACTIVE' ? 'ON' : 'OFF',
    // KRW has no minor unit, so micros / 10^6 is whole won.
    dailyBudgetAmount: c.dailyBudgetMicros === null ? null : Number(c.dailyBudgetMicros / MICROS_PER_UNIT),
  }));
}

export function kakaoAccount(world: SandboxWorld, accountId: string): SandboxAccount | undefined {
  return world.kakao?.accounts.find((a) => a.id === accountId);
}

export function reportIntervalMs(world: SandboxWorld): number {
  const configured = world.kakao?.options?.reportIntervalMs;
  return typeof configured === 'number' ? configured : DEFAULT_REPORT_INTERVAL_MS;
}
