import type { ServerResponse } from 'node:http';
import { MICROS_PER_UNIT } from '../../../domain/money';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { BudgetLevel, SandboxState } from '../../../sandbox/state';
import type { NaverCall } from './call';
import { sendNaverError } from './errors';

/** UI limits, not in the published spec (reference §3.5 "No documented min/max"): unverified. */
const MIN_DAILY_BUDGET_WON = 50n;
const MAX_DAILY_BUDGET_WON = 1_000_000_000n;
const DAILY_BUDGET_STEP_WON = 10n;

/** A campaign or ad group: both carry `useDailyBudget` + `dailyBudget` in whole KRW (null = useDailyBudget=false). */
export interface NaverBudgeted {
  id: string;
  dailyBudgetWon: bigint | null;
}

/**
 * Current budget in Naver's unit (whole KRW). Budgets set through PUT live in state.budgets; 0n there means
 * useDailyBudget=false, which is how Naver itself represents "unset" (dailyBudget 0, Campaign definition).
 */
export function currentBudgetWon(state: SandboxState, entity: NaverBudgeted): bigint | null {
  const set = state.budgets.get(entity.id);
  if (set === undefined) return entity.dailyBudgetWon;
  return set === 0n ? null : set;
}

/** Last modification: the latest budget mutation, else registration (reset-safe: derived from state.mutations). */
export function editTm(state: SandboxState, entity: { id: string; regTm: string }): string {
  const last = state.mutations.findLast((m) => m.platform === 'naver' && m.entityId === entity.id);
  return last?.at ?? entity.regTm;
}

/** What a campaign or ad group shows of its budget: useDailyBudget, dailyBudget (int KRW, 0 when unset), editTm. */
export interface NaverBudgetFields {
  useDailyBudget: boolean;
  dailyBudget: number;
  editTm: string;
}

export function budgetFields(state: SandboxState, entity: NaverBudgeted & { regTm: string }): NaverBudgetFields {
  const won = currentBudgetWon(state, entity);
  return { useDailyBudget: won !== null, dailyBudget: won === null ? 0 : Number(won), editTm: editTm(state, entity) };
}

/** Error codes per level (NaverSA_API_Error_Code_MAP.md; reference §3.5, §3.6). Ad group meanings: unverified. */
export const NAVER_BUDGET_ERRORS = {
  campaign: { flag: 3505, value: 3505 },
  adset: { flag: 3720, value: 3704 },
} as const;

/**
 * The `?fields=budget` PUT body → the new budget in won (0n = useDailyBudget=false), else answers Naver's error and
 * returns undefined. Without `fields` the real API replaces the whole object with the body (a destructive hazard);
 * the sandbox refuses that instead of imitating it, so an engine bug cannot pass silently.
 */
export function readBudget(
  res: ServerResponse,
  params: URLSearchParams,
  bodyText: string,
  idField: 'nccCampaignId' | 'nccAdgroupId',
  id: string,
  level: 'campaign' | 'adset',
): bigint | undefined {
  const fields = params.get('fields');
  const noun = level === 'campaign' ? 'campaigns' : 'adgroups';
  if (fields === null) {
    sendNaverError(
      res,
      400,
      1002,
      `sandbox: PUT /ncc/${noun}/{id} without ?fields= would replace the whole object; send fields=budget`,
    );
    return undefined;
  }
  if (fields !== 'budget') {
    sendNaverError(res, 400, 1002, `sandbox serves fields=budget only, got ${fields}`);
    return undefined;
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    sendNaverError(res, 400, 1007, 'Received value is not suitable for JSON format.');
    return undefined;
  }
  if (typeof body !== 'object' || body === null || body[idField] !== id) {
    sendNaverError(res, 400, 1002, `body.${idField} must equal the id in the path`);
    return undefined;
  }
  const codes = NAVER_BUDGET_ERRORS[level];
  const title =
    level === 'campaign'
      ? '요청하신 캠페인의 일일허용 예산값이 잘못되었습니다.'
      : '요청하신 광고그룹의 일일허용 예산값이 잘못되었습니다.';
  if (typeof body.useDailyBudget !== 'boolean') {
    sendNaverError(res, 400, codes.flag, title);
    return undefined;
  }
  if (!body.useDailyBudget) return 0n; // unlimited, stored as Naver does (dailyBudget 0)
  const value = body.dailyBudget;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    sendNaverError(res, 400, codes.value, title);
    return undefined;
  }
  const target = BigInt(value);
  if (target < MIN_DAILY_BUDGET_WON || target > MAX_DAILY_BUDGET_WON || target % DAILY_BUDGET_STEP_WON !== 0n) {
    sendNaverError(res, 400, codes.value, title);
    return undefined;
  }
  return target;
}

/** Applies a budget (whole KRW, 0n = unlimited) and logs it with its micros value. */
export function applyBudget(
  state: SandboxState,
  account: SandboxAccount,
  entity: NaverBudgeted,
  level: BudgetLevel,
  target: bigint,
): void {
  const before = currentBudgetWon(state, entity);
  state.mutations.push({
    at: state.now().toISOString(),
    platform: 'naver',
    accountId: account.id,
    entityId: entity.id,
    level,
    field: 'dailyBudget',
    oldValue: before === null ? null : before.toString(),
    newValue: target.toString(),
    budgetMicros: target === 0n ? null : (target * MICROS_PER_UNIT).toString(),
    validateOnly: false,
  });
  state.budgets.set(entity.id, target);
}

/**
 * PUT ?fields=budget on one campaign or ad group: reads the body's budget, lets `refused` answer a rule of the level
 * (true = refused and answered), applies it and answers with `view()` of the updated entity.
 */
export function putBudget(
  { res, state, account, respond }: NaverCall,
  params: URLSearchParams,
  bodyText: string,
  entity: NaverBudgeted,
  level: 'campaign' | 'adset',
  view: () => unknown,
  refused: (target: bigint) => boolean = () => false,
): void {
  const idField = level === 'campaign' ? 'nccCampaignId' : 'nccAdgroupId';
  const target = readBudget(res, params, bodyText, idField, entity.id, level);
  if (target === undefined || refused(target)) return;
  applyBudget(state, account, entity, level, target);
  respond(view());
}
