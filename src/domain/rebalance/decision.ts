import type { PlanRecord } from './plan-record';

/**
 * The argument of the `decide` Update, as an AE types it into the Web UI or `adops approve` sends it:
 * { "planId": "...", "decision": "approve" | "reject", "only"?: ["entity id", ...], "by": "name", "reason"?: "..." }
 */
export interface DecideInput {
  planId: string;
  decision: 'approve' | 'reject';
  /** Approve only these proposals (entity ids as shown in the plan, or full keys); the rest are rejected. */
  only?: string[];
  by: string;
  reason?: string;
}

const KEYS = new Set(['planId', 'decision', 'only', 'by', 'reason']);

/**
 * Checks a decision against the plans waiting in this run. Pure, so the Update validator can run it and refuse a wrong
 * plan id, an unknown entity or a malformed argument before the Update is accepted (nothing enters history then).
 */
export function parseDecision(
  arg: unknown,
  waiting: readonly PlanRecord[],
): { decision: DecideInput; approvedKeys: string[] } {
  const problems: string[] = [];
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    throw new DecisionError([
      'the argument must be a JSON object {"planId", "decision": "approve"|"reject", "by", ...}',
    ]);
  }
  const input = arg as Record<string, unknown>;
  for (const key of Object.keys(input))
    if (!KEYS.has(key)) problems.push(`unknown field "${key}" (expected ${[...KEYS].join(', ')})`);
  const { planId, decision, only, by, reason } = input;
  if (typeof by !== 'string' || by.trim() === '' || by.length > 100) problems.push('by: who decides, 1-100 characters');
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 1000))
    problems.push('reason: text up to 1000 characters');
  if (decision !== 'approve' && decision !== 'reject')
    problems.push(`decision: must be "approve" or "reject", got ${JSON.stringify(decision)}`);
  if (decision === 'reject' && (typeof reason !== 'string' || reason.trim() === ''))
    problems.push('reason: required when rejecting');
  const plan = waiting.find((p) => p.planId === planId);
  if (typeof planId !== 'string') problems.push('planId: required (a string)');
  else if (!plan) {
    const ids = waiting.map((p) => p.planId);
    problems.push(
      `planId: "${planId}" is not waiting for approval in this run (waiting: ${ids.length ? ids.join(', ') : 'none'})`,
    );
  }
  let approvedKeys: string[] = [];
  if (only !== undefined) {
    if (decision === 'reject') problems.push('only: applies to "approve"; a rejection rejects the whole plan');
    if (!Array.isArray(only) || only.length === 0 || !only.every((id) => typeof id === 'string'))
      problems.push('only: a non-empty list of entity ids from the plan');
    else if (plan) {
      for (const id of only as string[]) {
        const match = plan.proposals.find((p) => p.key === id || p.entityId === id);
        if (!match) problems.push(`only: "${id}" is not a proposal of plan ${plan.planId}`);
        else approvedKeys.push(match.key);
      }
    }
  } else if (plan && decision === 'approve') {
    approvedKeys = plan.proposals.map((p) => p.key);
  }
  if (problems.length > 0) throw new DecisionError(problems);
  return {
    decision: {
      planId: planId as string,
      decision: decision as 'approve' | 'reject',
      ...(only !== undefined ? { only: only as string[] } : {}),
      by: (by as string).trim(),
      ...(typeof reason === 'string' ? { reason } : {}),
    },
    approvedKeys: [...new Set(approvedKeys)],
  };
}

export class DecisionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid decision: ${problems.join('; ')}`);
    this.name = 'DecisionError';
  }
}
