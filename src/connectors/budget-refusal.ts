import { BudgetRefused, type BudgetTarget } from './budget';
import type { RequestPolicy } from './http-client';
import { safeJson } from './json-body';

/** The platform's own words and code for refusing a budget value (below minimum, wrong level, too many changes). */
export interface PlatformRefusal {
  reason: string;
  code: string;
}

/** Reads a refusal from a response's status and parsed body; null when the response is something else. */
export type RefusalReader = (status: number, body: unknown) => PlatformRefusal | null;

/**
 * A classifier that lets a budget refusal through as an answer instead of a failure: send() would otherwise raise it
 * as a generic bad request (or, for Meta's hourly budget limit, retry it as a throttle). Everything else is classified
 * as the pull classifies it, so transient, rate-limit and auth errors keep their usual handling.
 */
export function classifyExceptRefusals(
  classify: RequestPolicy['classify'],
  readRefusal: RefusalReader,
): RequestPolicy['classify'] {
  return (exchange) => (readRefusal(exchange.status, safeJson(exchange.text)) ? null : classify(exchange));
}

/** Throws BudgetRefused when the answer is a refusal; returns otherwise. */
export function throwIfRefused(target: BudgetTarget, status: number, body: unknown, readRefusal: RefusalReader): void {
  const refusal = readRefusal(status, body);
  if (refusal) throw new BudgetRefused(target, refusal.reason, refusal.code);
}
