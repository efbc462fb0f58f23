/**
 * The argument of rulePromotion's `decidePromotion` Update, as an engineer types it into the Web UI or
 * `adops rules confirm` sends it: {"confirm": true, "by": "name"} or {"confirm": false, "by": "name", "reason": "..."}.
 */
export interface PromotionDecisionInput {
  confirm: boolean;
  by: string;
  reason?: string;
}

const KEYS = ['confirm', 'by', 'reason'];

/**
 * Pure, so the Update validator runs it and refuses a malformed decision before it is accepted: nothing enters the
 * workflow's history and nothing is recorded. Every problem is named at once.
 */
export function parsePromotionDecision(arg: unknown): PromotionDecisionInput {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg))
    throw new PromotionDecisionError([
      'the argument must be a JSON object: {"confirm": true, "by": "your name"} or {"confirm": false, "by": "your name", "reason": "why"}',
    ]);
  const input = arg as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(input))
    if (!KEYS.includes(key)) problems.push(`unknown field "${key}" (expected ${KEYS.join(', ')})`);
  const { confirm, by, reason } = input;
  // A JSON boolean only: "true" typed as a string, or 1, is a likely slip and must not promote a rule.
  if (typeof confirm !== 'boolean')
    problems.push(`confirm: must be true (promote) or false (decline), got ${JSON.stringify(confirm) ?? 'nothing'}`);
  if (typeof by !== 'string' || by.trim() === '' || by.length > 100) problems.push('by: who decides, 1-100 characters');
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 1000))
    problems.push('reason: text up to 1000 characters');
  if (confirm === false && (typeof reason !== 'string' || reason.trim() === ''))
    problems.push('reason: required when declining (say why, so the next proposal can be judged against it)');
  if (problems.length > 0) throw new PromotionDecisionError(problems);
  return {
    confirm: confirm as boolean,
    by: (by as string).trim(),
    ...(typeof reason === 'string' && reason.trim() !== '' ? { reason: reason.trim() } : {}),
  };
}

export class PromotionDecisionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid promotion decision: ${problems.join('; ')}`);
    this.name = 'PromotionDecisionError';
  }
}
