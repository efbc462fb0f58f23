import type { ServerResponse } from 'node:http';
import { metaCurrencyOffset, MICROS_PER_UNIT } from '../../../domain/money';
import type { SandboxAccount } from '../../../sandbox/generator';
import { sendJson } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { sendMetaError } from './errors';
import { currentBudget, type BudgetHolder } from './lookup';

const BUDGET_CHANGES_PER_HOUR = 4; // docs marketing-api/overview/rate-limiting, "Budget change"

/** POST /{campaign or ad set id} daily_budget=…: only the level that owns the budget (CBO vs ABO) accepts it. */
export function updateBudget(
  res: ServerResponse,
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  entity: BudgetHolder,
  level: 'campaign' | 'adset',
  budgetElsewhere: string,
  headers: Record<string, string>,
) {
  const raw = params.daily_budget;
  if (raw === undefined) {
    return sendMetaError(res, 400, { message: '(#100) No fields to update', type: 'OAuthException', code: 100 });
  }
  if (!/^\d+$/.test(raw)) {
    return sendMetaError(res, 400, {
      message: '(#100) param daily_budget must be a non-negative integer (minor units)',
      type: 'OAuthException',
      code: 100,
    });
  }
  const before = currentBudget(state, entity);
  if (before === null) {
    return sendMetaError(res, 400, {
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 1885621,
      error_user_msg: budgetElsewhere,
    });
  }
  const minimum = 1n * metaCurrencyOffset(account.currency) * (account.currency === 'KRW' ? 1000n : 1n);
  const target = BigInt(raw);
  if (target < minimum) {
    return sendMetaError(res, 400, {
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 1885272,
      error_user_msg: `Your budget is too low. The minimum daily budget is ${minimum} (minor units of ${account.currency}).`,
    });
  }
  const validateOnly = (params.execution_options ?? '').includes('validate_only');
  const now = state.now().getTime();
  const recent = (state.budgetChangeTimes.get(entity.id) ?? []).filter((t) => now - t < 3_600_000);
  if (!validateOnly && recent.length >= BUDGET_CHANGES_PER_HOUR) {
    // Error 613 with subcode 1487632 (budget-automation.md "Platform budget rules", from open-source code citing
    // Meta's rate-limit page; unverified).
    return sendMetaError(res, 400, {
      message: '(#613) Calls to this api have exceeded the rate limit.',
      type: 'OAuthException',
      code: 613,
      error_subcode: 1487632,
      error_user_msg: 'Budget can only be changed 4 times per hour for this object.',
    });
  }
  state.mutations.push({
    at: new Date(now).toISOString(),
    platform: 'meta',
    accountId: account.id,
    entityId: entity.id,
    level,
    field: 'daily_budget',
    oldValue: before.toString(),
    newValue: target.toString(),
    // Minor units via the currency offset (docs marketing-api/currencies): micros = minor × 10^6 / offset.
    budgetMicros: ((target * MICROS_PER_UNIT) / metaCurrencyOffset(account.currency)).toString(),
    validateOnly,
  });
  if (!validateOnly) {
    state.budgets.set(entity.id, target);
    state.budgetChangeTimes.set(entity.id, [...recent, now]);
  }
  sendJson(res, 200, { success: true }, headers);
}
