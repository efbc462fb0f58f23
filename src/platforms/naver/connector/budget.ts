import { BudgetRefused, type BudgetConnector, type BudgetTarget } from '../../../connectors/budget';
import { throwIfRefused } from '../../../connectors/budget-refusal';
import { wholeBudgetUnits } from '../../../connectors/budget-value';
import type { ConnectorContext } from '../../../connectors/connector';
import { MICROS_PER_UNIT } from '../../../domain/money';
import {
  NAVER_BUDGET_OBJECTS,
  NAVER_MAX_BUDGET_MICROS,
  naverBudgetBody,
  parseNaverBudgetObject,
  readNaverBudgetRefusal,
} from '../budget';
import { naverClient } from './client';

/**
 * Naver Search Ad budgets: GET the campaign or ad group, then PUT it back whole with `?fields=budget`, so nothing but
 * the budget can change (reference §3.5: without `fields` the whole object is replaced). Units are whole KRW.
 */
export function createNaverBudgetConnector(ctx: ConnectorContext): BudgetConnector {
  const call = naverClient(
    ctx.baseUrl,
    { apiKey: ctx.credential('apiKey'), secretKey: ctx.credential('secretKey'), customerId: ctx.account.accountId },
    ctx.policy,
    readNaverBudgetRefusal,
  );
  const pathOf = (target: BudgetTarget) => `${NAVER_BUDGET_OBJECTS[target.level].path}/${target.entityId}`;

  async function read(target: BudgetTarget) {
    const { body, exchange } = await call('GET', pathOf(target), {});
    return { object: parseNaverBudgetObject(body, target.level, target.entityId), exchange };
  }

  return {
    async readBudget(target) {
      const { object, exchange } = await read(target);
      const holder = object.sharedBudgetId === null ? {} : { holder: { id: object.sharedBudgetId, shared: true } };
      return { target, micros: object.micros, ...holder, exchange };
    },
    async writeBudget(target, micros) {
      const wonAmount = wholeBudgetUnits(target, micros, MICROS_PER_UNIT, 'whole KRW');
      if (micros > NAVER_MAX_BUDGET_MICROS) throw new BudgetRefused(target, `${wonAmount} KRW is beyond any budget`);
      const { object } = await read(target);
      if (object.sharedBudgetId !== null) {
        // A shared budget overrides the object's own (reference §3.5): setting this one would change nothing.
        throw new BudgetRefused(target, `shared budget ${object.sharedBudgetId} is in force; change that instead`);
      }
      const { body, exchange } = await call(
        'PUT',
        pathOf(target),
        { fields: 'budget' },
        naverBudgetBody(object, wonAmount),
      );
      throwIfRefused(target, exchange.status, body, readNaverBudgetRefusal);
      const updated = parseNaverBudgetObject(body, target.level, target.entityId);
      return { exchange, ...(updated.editTm ? { reference: updated.editTm } : {}) };
    },
  };
}
