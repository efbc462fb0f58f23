import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityLevel } from '../../../domain/metrics';
import { MICROS_PER_UNIT } from '../../../domain/money';
import { KAKAO_BUDGET_DETAIL_CODE, KAKAO_DAILY_BUDGET_RULES } from './api-facts';
import type { SandboxAccount } from '../../../sandbox/generator';
import { readBody } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { badParam, businessError } from './errors';

/** A campaign or ad group: both carry their own daily budget in integer KRW (null = no daily limit). */
interface Budgeted {
  id: number;
  dailyBudgetAmount: number | null;
}

/** The budget after mutations (state.budgets, keyed by entity id; campaign and ad group ids never collide). */
export function currentBudget(state: SandboxState, entity: Budgeted): bigint | null {
  const changed = state.budgets.get(String(entity.id));
  if (changed !== undefined) return changed;
  return entity.dailyBudgetAmount === null ? null : BigInt(entity.dailyBudgetAmount);
}

/**
 * `PUT /campaigns/dailyBudgetAmount` and `PUT /adGroups/dailyBudgetAmount`, body `{id, dailyBudgetAmount}` → 200 with
 * an empty body (reference §4.5, docs kakaomoment/reference lists both). `find` resolves the id within the account.
 */
export async function setBudget(
  req: IncomingMessage,
  res: ServerResponse,
  state: SandboxState,
  account: SandboxAccount,
  level: EntityLevel,
  find: (id: unknown) => Budgeted | undefined,
  notFound: (id: string) => void,
) {
  let body: { id?: unknown; dailyBudgetAmount?: unknown };
  try {
    body = JSON.parse((await readBody(req)) || '{}') as typeof body;
  } catch {
    return badParam(res, 'the body must be JSON {"id": ..., "dailyBudgetAmount": ...}');
  }
  const entity = find(body.id);
  if (!entity) return notFound(String(body.id));
  const amount = body.dailyBudgetAmount;
  // null ("no limit") is not modelled: state.budgets holds amounts only.
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    return badParam(res, 'dailyBudgetAmount must be an integer amount in KRW');
  }
  const rule = KAKAO_DAILY_BUDGET_RULES[level];
  if (amount < rule.min || amount > rule.max || amount % rule.step !== 0) {
    const krw = (n: number) => n.toLocaleString('en-US');
    return businessError(
      res,
      KAKAO_BUDGET_DETAIL_CODE,
      `일 예산은 ${krw(rule.min)}원 이상 ${krw(rule.max)}원 이하, ${rule.step}원 단위로 설정할 수 있습니다.`,
    );
  }
  const before = currentBudget(state, entity);
  state.mutations.push({
    at: state.now().toISOString(),
    platform: 'kakao',
    accountId: account.id,
    entityId: String(entity.id),
    level: level === 'campaign' ? 'campaign' : 'adset',
    field: 'dailyBudgetAmount',
    oldValue: before === null ? null : before.toString(),
    newValue: String(amount),
    // Integer KRW (reference §4.5): whole won × 10^6.
    budgetMicros: (BigInt(amount) * MICROS_PER_UNIT).toString(),
    validateOnly: false,
  });
  state.budgets.set(String(entity.id), BigInt(amount));
  res.writeHead(200);
  res.end();
}
