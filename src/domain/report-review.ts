/**
 * The argument of generateReport's `review` Update: {"decision": "approve" | "reject", "by": "name", "reason"?: "..."}.
 * Pure, so the Update validator refuses a malformed decision before it is accepted.
 */
export interface ReviewInput {
  decision: 'approve' | 'reject';
  by: string;
  reason?: string;
}

export function parseReview(arg: unknown): ReviewInput {
  const problems: string[] = [];
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    throw new Error(
      'Invalid review: the argument must be a JSON object {"decision": "approve"|"reject", "by": "name"}',
    );
  }
  const input = arg as Record<string, unknown>;
  for (const key of Object.keys(input))
    if (!['decision', 'by', 'reason'].includes(key))
      problems.push(`unknown field "${key}" (expected decision, by, reason)`);
  if (input.decision !== 'approve' && input.decision !== 'reject')
    problems.push(`decision: must be "approve" or "reject", got ${JSON.stringify(input.decision)}`);
  if (typeof input.by !== 'string' || input.by.trim() === '' || input.by.length > 100)
    problems.push('by: who decides, 1-100 characters');
  if (input.reason !== undefined && (typeof input.reason !== 'string' || input.reason.length > 1000))
    problems.push('reason: text up to 1000 characters');
  if (input.decision === 'reject' && (typeof input.reason !== 'string' || input.reason.trim() === ''))
    problems.push('reason: required when rejecting');
  if (problems.length > 0) throw new Error(`Invalid review: ${problems.join('; ')}`);
  return input as unknown as ReviewInput;
}
