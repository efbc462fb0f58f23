import { currencyDecimals, MICROS_PER_UNIT } from '../../../domain/money';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { BudgetLevel, SandboxState } from '../../../sandbox/state';
import type { Checked } from './params';

/** A campaign or ad group: budgets in minor units of the currency, null without one of its own. */
export interface TiktokBudgeted {
  id: string;
  budgetMinor: bigint | null;
}

/** The budget after mutations (state.budgets by campaign or ad group id; the two never collide). */
export function currentBudgetMinor(state: SandboxState, entity: TiktokBudgeted): bigint | null {
  return state.budgets.get(entity.id) ?? entity.budgetMinor;
}

/** `budget` as TikTok takes it: a NUMBER in MAJOR units (reference §5.4) → minor units, at most the currency's decimals. */
export function parseBudget(value: unknown, currency: string): Checked<bigint> {
  const decimals = currencyDecimals(currency);
  const text = typeof value === 'number' ? String(value) : value;
  const pattern = decimals === 0 ? /^\d+(\.0+)?$/ : new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`);
  if (typeof text !== 'string' || !pattern.test(text)) {
    return { ok: false, message: `budget: Must be a number in ${currency} with at most ${decimals} decimals.` };
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const minor =
    BigInt(whole) * 10n ** BigInt(decimals) + BigInt((fraction.slice(0, decimals) || '0').padEnd(decimals, '0'));
  return { ok: true, value: minor };
}

/** Minor units → major units text, as on the wire ("200.50"). */
export function majorText(minor: bigint, currency: string): string {
  const decimals = currencyDecimals(currency);
  if (decimals === 0) return minor.toString();
  const text = minor.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** Applies an absolute daily budget and logs it, wire values in major units, budgetMicros beside them. */
export function applyBudget(
  state: SandboxState,
  account: SandboxAccount,
  entity: TiktokBudgeted,
  level: BudgetLevel,
  targetMinor: bigint,
): void {
  const before = currentBudgetMinor(state, entity);
  const unitMicros = MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(account.currency));
  state.mutations.push({
    at: state.now().toISOString(),
    platform: 'tiktok',
    accountId: account.id,
    entityId: entity.id,
    level,
    field: 'budget',
    oldValue: before === null ? null : majorText(before, account.currency),
    newValue: majorText(targetMinor, account.currency),
    budgetMicros: (targetMinor * unitMicros).toString(),
    validateOnly: false,
  });
  state.budgets.set(entity.id, targetMinor);
}
