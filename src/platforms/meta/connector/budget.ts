import type { BudgetConnector, BudgetTarget } from '../../../connectors/budget';
import { classifyExceptRefusals, throwIfRefused } from '../../../connectors/budget-refusal';
import { wholeBudgetUnits } from '../../../connectors/budget-value';
import type { ConnectorContext } from '../../../connectors/connector';
import type { HttpExchange } from '../../../connectors/http-client';
import { safeJson } from '../../../connectors/json-body';
import { metaCurrencyOffset, MICROS_PER_UNIT } from '../../../domain/money';
import { parseMetaDailyBudget, parseMetaUpdate, readMetaBudgetRefusal } from '../budget';
import { classifyMetaError } from '../errors';
import { metaGraph } from './graph';

/**
 * Meta budgets: `GET /{id}?fields=id,daily_budget` and `POST /{id}` with `daily_budget=<minor units>`, absolute, on
 * the campaign (campaign budget) or the ad set (ad set budgets) (reference §1.7). The level that does not own the
 * budget refuses the write; Meta says so itself (code 100/1885621).
 */
export function createMetaBudgetConnector(ctx: ConnectorContext): BudgetConnector {
  const currency = ctx.account.currency;
  const classify = (exchange: HttpExchange) =>
    exchange.status >= 200 && exchange.status < 300
      ? null
      : classifyMetaError(exchange.status, safeJson(exchange.text), exchange.headers);
  const graph = metaGraph(ctx, classifyExceptRefusals(classify, readMetaBudgetRefusal));
  // One minor unit in micros: 10,000 for USD (offset 100), 1,000,000 for KRW (offset 1) (docs marketing-api/currencies).
  const minorUnitMicros = MICROS_PER_UNIT / metaCurrencyOffset(currency);

  return {
    async readBudget(target: BudgetTarget) {
      const { body, exchange } = await graph.get(target.entityId, { fields: 'id,daily_budget' });
      return { target, micros: parseMetaDailyBudget(body, target.entityId, currency), exchange };
    },
    async writeBudget(target: BudgetTarget, micros: bigint) {
      const minor = wholeBudgetUnits(target, micros, minorUnitMicros, `${currency} minor units`);
      const sent = await graph.post(target.entityId, { daily_budget: minor.toString() });
      throwIfRefused(target, sent.exchange.status, sent.body, readMetaBudgetRefusal);
      parseMetaUpdate(sent.body);
      return { exchange: sent.exchange };
    },
  };
}
