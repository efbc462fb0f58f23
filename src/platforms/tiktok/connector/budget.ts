import type { BudgetConnector, BudgetTarget } from '../../../connectors/budget';
import { classifyExceptRefusals, throwIfRefused } from '../../../connectors/budget-refusal';
import { wholeBudgetUnits } from '../../../connectors/budget-value';
import type { ConnectorContext } from '../../../connectors/connector';
import type { RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { currencyDecimals, MICROS_PER_UNIT } from '../../../domain/money';
import {
  majorUnitsText,
  parseTiktokDailyBudget,
  parseTiktokUpdate,
  readTiktokBudgetRefusal,
  TIKTOK_BUDGET_LEVELS,
  tiktokBudgetBody,
} from '../budget';
import { classifyTiktokResponse } from '../errors';
import { tiktokClient } from './client';

/**
 * TikTok budgets: campaign/get or adgroup/get filtered to the one id, and campaign/update/ or adgroup/update/ with
 * `budget` in MAJOR units, absolute (reference §5.4). Failures arrive as HTTP 200 with code ≠ 0 (reference §5.3).
 */
export function createTiktokBudgetConnector(ctx: ConnectorContext): BudgetConnector {
  const client = tiktokClient(ctx);
  const advertiserId = ctx.account.accountId; // TikTok's advertiser id is the account id
  const decimals = currencyDecimals(ctx.account.currency);
  const minorUnitMicros = MICROS_PER_UNIT / 10n ** BigInt(decimals);
  const classify: RequestPolicy['classify'] = (exchange) =>
    classifyTiktokResponse(exchange.status, safeJson(exchange.text));
  const policy: RequestPolicy = { ...ctx.policy, classify };
  const writePolicy: RequestPolicy = {
    ...ctx.policy,
    classify: classifyExceptRefusals(classify, readTiktokBudgetRefusal),
  };

  return {
    async readBudget(target: BudgetTarget) {
      const level = TIKTOK_BUDGET_LEVELS[target.level];
      const filtering = JSON.stringify({ [level.filter]: [target.entityId] });
      const fields = JSON.stringify([level.idField, 'budget', 'budget_mode']);
      const { response, exchange } = await client.get(
        level.get,
        { advertiser_id: advertiserId, filtering, fields },
        policy,
      );
      return { target, micros: parseTiktokDailyBudget(jsonBodyOf(response), target.level, target.entityId), exchange };
    },
    async writeBudget(target: BudgetTarget, micros: bigint) {
      const minor = wholeBudgetUnits(target, micros, minorUnitMicros, `${ctx.account.currency} minor units`);
      const major = majorUnitsText(minor, decimals);
      const { response, exchange } = await client.post(
        TIKTOK_BUDGET_LEVELS[target.level].update,
        tiktokBudgetBody(target.level, advertiserId, target.entityId, major),
        { advertiser_id: advertiserId, [TIKTOK_BUDGET_LEVELS[target.level].idField]: target.entityId, budget: major },
        writePolicy,
      );
      const body = jsonBodyOf(response);
      throwIfRefused(target, response.status, body, readTiktokBudgetRefusal);
      parseTiktokUpdate(body, target.level, target.entityId);
      const requestId = (body as { request_id?: unknown }).request_id;
      return { exchange, ...(typeof requestId === 'string' && requestId ? { reference: requestId } : {}) };
    },
  };
}
