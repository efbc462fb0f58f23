import type { PlatformRefusal } from '../../connectors/budget-refusal';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { metaBudgetToMicros, MoneyFormatError } from '../../domain/money';

/**
 * `GET /{campaign or ad set id}?fields=id,daily_budget` → the daily budget in micros, or null when the entity has
 * none of its own. daily_budget is a numeric string in minor units (numbers accepted: some mocks send them, reference
 * §1.7). It is absent on an ad set under a campaign budget (CBO) and on a campaign without one, and "0" when the
 * entity runs on a lifetime budget (unverified: Graph returns unset budgets as "0").
 */
export function parseMetaDailyBudget(body: unknown, entityId: string, currency: string): bigint | null {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body.id !== entityId) {
    throw new ResponseFormatError('id', `expected ${entityId}, got ${JSON.stringify(body.id)}`);
  }
  if (body.daily_budget === undefined || body.daily_budget === null) return null;
  let micros: bigint;
  try {
    micros = metaBudgetToMicros(body.daily_budget, currency, 'daily_budget');
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new ResponseFormatError('daily_budget', err.message);
    throw err;
  }
  if (micros < 0n) throw new ResponseFormatError('daily_budget', `negative budget ${String(body.daily_budget)}`);
  return micros === 0n ? null : micros;
}

/** Update endpoints answer `{"success": true}` (reference §1.7, the Updating contract). */
export function parseMetaUpdate(body: unknown): void {
  if (!isRecord(body) || body.success !== true) {
    throw new ResponseFormatError(
      'success',
      `expected true, got ${JSON.stringify(isRecord(body) ? body.success : body)}`,
    );
  }
}

/** The BUC user-request limit (docs marketing-api/overview/rate-limiting): a throttle, not a budget refusal. */
const BUC_USER_LIMIT_SUBCODE = 2446079;

/**
 * A budget POST that Meta refuses for the value itself:
 * - code 100 "Invalid parameter" with a subcode: the budget is too low ("Budget Is Too Low", facebook-php-business-sdk
 *   #338) or lives on the other level (subcode 1885621 with a campaign budget, pipeboard-co/meta-ads-mcp#71). 100/33
 *   (object missing or no permission) and 100 without a subcode stay ordinary errors.
 * - code 17 other than the BUC user limit, or 613/1487632: the ad set's 4 budget changes per hour are used up and its
 *   budget is blocked for an hour (reference §1.6 "Budget-change limit", §8 row 3; budget-automation.md, unverified).
 *   Retrying inside the hour cannot help.
 */
export function readMetaBudgetRefusal(status: number, body: unknown): PlatformRefusal | null {
  if (status < 400) return null;
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const words = [error.error_user_title, error.error_user_msg, error.message].filter(
    (w): w is string => typeof w === 'string' && w !== '',
  );
  const reason = words.join(': ') || `HTTP ${status}`;
  const codeText = `${code}${subcode === undefined ? '' : `/${subcode}`}`;
  if (code === 100 && subcode !== undefined && subcode !== 33) return { reason, code: codeText };
  if (code === 17 && subcode !== BUC_USER_LIMIT_SUBCODE) return { reason, code: codeText };
  if (code === 613 && subcode === 1487632) return { reason, code: codeText };
  return null;
}
