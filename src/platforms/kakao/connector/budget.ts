import { BudgetRefused, type BudgetConnector, type BudgetTarget } from '../../../connectors/budget';
import { classifyExceptRefusals, throwIfRefused } from '../../../connectors/budget-refusal';
import { wholeBudgetUnits } from '../../../connectors/budget-value';
import type { ConnectorContext } from '../../../connectors/connector';
import type { RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { KAKAO_BUDGET_PATHS, kakaoBudgetBody, parseKakaoDailyBudget, readKakaoBudgetRefusal } from '../budget';
import { kakaoFailure } from '../errors';
import { kakaoClient } from './client';

/** Kakao gives no wait on a quota rejection outside reports; the engine's back-off floor applies (errors.ts). */
const NO_REPORT_INTERVAL = { reportIntervalMs: 0 };

/**
 * Kakao Moment budgets: the campaign or ad group detail for the amount in force, `PUT .../dailyBudgetAmount` with
 * `{id, dailyBudgetAmount}` in whole KRW, absolute (reference §4.5). The PUT answers 200 with an empty body.
 */
export function createKakaoBudgetConnector(ctx: ConnectorContext): BudgetConnector {
  const call = kakaoClient(ctx);
  const classify: RequestPolicy['classify'] = (exchange) =>
    kakaoFailure(exchange.status, safeJson(exchange.text), NO_REPORT_INTERVAL);
  const policy: RequestPolicy = { ...ctx.policy, classify };
  const writePolicy: RequestPolicy = {
    ...ctx.policy,
    classify: classifyExceptRefusals(classify, readKakaoBudgetRefusal),
  };

  return {
    async readBudget(target: BudgetTarget) {
      const path = `${KAKAO_BUDGET_PATHS[target.level].detail}/${target.entityId}`;
      const { response, exchange } = await call('GET', path, {}, policy);
      return { target, micros: parseKakaoDailyBudget(jsonBodyOf(response), target.entityId), exchange };
    },
    async writeBudget(target: BudgetTarget, micros: bigint) {
      const wonAmount = wholeBudgetUnits(target, micros, MICROS_PER_UNIT, 'whole KRW');
      if (!/^\d+$/.test(target.entityId) || !Number.isSafeInteger(Number(wonAmount))) {
        throw new BudgetRefused(target, `cannot send ${wonAmount} KRW for id ${target.entityId} as JSON integers`);
      }
      const { response, exchange } = await call(
        'PUT',
        KAKAO_BUDGET_PATHS[target.level].update,
        {},
        writePolicy,
        kakaoBudgetBody(target.entityId, wonAmount),
      );
      throwIfRefused(target, response.status, safeJson(response.text), readKakaoBudgetRefusal);
      return { exchange };
    },
  };
}
