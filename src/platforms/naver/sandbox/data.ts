import type { MaturityRule } from '../../../domain/maturity';
import { addDays } from '../../../domain/dates';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { generateCampaigns, type GeneratedCampaign, type SandboxAccount } from '../../../sandbox/generator';

/** Naver restates "a few days" (reference §8 row 17); config/platforms.yaml naver.restatementWindowDays is 3. */
export const NAVER_RESTATEMENT: MaturityRule = { windowDays: 3 };

/** campaignTp values (ncc-heroes-ncc.json Campaign definition), picked from the neutral objective. */
const CAMPAIGN_TYPES: Record<string, string> = {
  SALES: 'SHOPPING',
  TRAFFIC: 'WEB_SITE',
  AWARENESS: 'BRAND_SEARCH',
  LEADS: 'WEB_SITE',
};

export interface NaverSandboxCampaign extends GeneratedCampaign {
  /** cmp-a001-01-000000001234567 style (reference §3.2). */
  id: string;
  customerId: number;
  campaignTp: string;
  /** Daily budget in whole KRW (int64 in the API); null means useDailyBudget=false (unlimited). */
  dailyBudgetWon: bigint | null;
  regTm: string;
}

/** Campaigns of one customer, in id order (ids grow with the index, so list order = id order). */
export function naverCampaigns(seed: number, account: SandboxAccount): NaverSandboxCampaign[] {
  return generateCampaigns(seed, 'naver', account).map((c) => ({
    ...c,
    id: `cmp-a001-01-${`${account.id}${String(c.index + 1).padStart(2, '0')}`.padStart(15, '0')}`,
    customerId: Number(account.id),
    campaignTp: CAMPAIGN_TYPES[c.objective] ?? 'WEB_SITE',
    dailyBudgetWon: c.dailyBudgetMicros === null ? null : c.dailyBudgetMicros / MICROS_PER_UNIT,
    regTm: `${addDays(c.startDate, -3)}T01:12:09.000Z`,
  }));
}
