import type { PlatformRefusal } from '../../connectors/budget-refusal';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import type { EntityLevel } from '../../domain/metrics';
import { readKakaoError } from './errors';
import { idField, kakaoWonToMicros } from './parse';
import { KAKAO_BUDGET_DETAIL_CODE } from './wire';

/**
 * Per level: the detail to read (`GET /campaigns/{id}`, `GET /adGroups/{id}`, docs kakaomoment/campaign, ad-group) and
 * the budget endpoint (`PUT /campaigns/dailyBudgetAmount`, `PUT /adGroups/dailyBudgetAmount`, reference §4.5).
 */
export const KAKAO_BUDGET_PATHS = {
  campaign: { detail: 'campaigns', update: 'campaigns/dailyBudgetAmount' },
  adset: { detail: 'adGroups', update: 'adGroups/dailyBudgetAmount' },
} as const satisfies Record<EntityLevel, { detail: string; update: string }>;

/** A detail's dailyBudgetAmount in micros: integer KRW, or null for "no daily limit" (reference §4.5, unverified). */
export function parseKakaoDailyBudget(body: unknown, entityId: string): bigint | null {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const id = idField(body.id, 'id');
  if (id !== entityId) throw new ResponseFormatError('id', `expected ${entityId}, got ${id}`);
  const amount = body.dailyBudgetAmount;
  return amount === undefined || amount === null ? null : kakaoWonToMicros(amount, 'dailyBudgetAmount');
}

/** The PUT body `{id, dailyBudgetAmount}`: ids are JSON integers (Long) on Kakao's wire (reference §4.2, §4.5). */
export function kakaoBudgetBody(entityId: string, wonAmount: bigint): { id: number; dailyBudgetAmount: number } {
  return { id: Number(entityId), dailyBudgetAmount: Number(wonAmount) };
}

/**
 * -813 with extras.detailCode 31011 refuses the amount (a community mock rejects "min 50,000" with it; unverified,
 * wire.ts KAKAO_BUDGET_DETAIL_CODE). The reason is Kakao's detailMsg.
 */
export function readKakaoBudgetRefusal(status: number, body: unknown): PlatformRefusal | null {
  if (status === 429) return null; // -813 with 429 is the quota signal (reference §4.4)
  const error = readKakaoError(body);
  if (error.code !== -813 || error.detailCode !== KAKAO_BUDGET_DETAIL_CODE) return null;
  return { reason: error.detailMsg ?? error.msg ?? `HTTP ${status}`, code: `${error.code}/${error.detailCode}` };
}
