import { currencyDecimals, microsToDecimal } from '../money';
import { outcomeSourceText } from './explain';
import type { PlanRecord } from './plan-record';

const MAX_ROWS = 20;

/**
 * What the AE sees in the Web UI's current details: each plan, its status, and a short table of entity, from → to and
 * why. Long plans are cut at MAX_ROWS rows with a pointer to the full plan (the `plans` query, `adops explain`).
 */
export function plansMarkdown(plans: readonly PlanRecord[]): string {
  if (plans.length === 0) return 'No plans yet.';
  return plans.map(planMarkdown).join('\n\n');
}

function planMarkdown(plan: PlanRecord): string {
  const money = (micros: string) => `${microsToDecimal(BigInt(micros), currencyDecimals(plan.currency))}`;
  const lines = [
    `**${plan.planId}** · rule ${plan.ruleId} · ${plan.currency} · ${plan.automation} · **${plan.status.replace(/_/g, ' ')}**`,
  ];
  if (plan.status === 'awaiting_approval') {
    lines.push(
      `Approve with More Actions → Send an Update → decide: {"planId": "${plan.planId}", "decision": "approve", "by": "<your name>"}`,
    );
  }
  if (plan.levelNote) lines.push(`Level ${plan.automation}: ${plan.levelNote}`);
  // Only when it is not the media's own: an AE judging a tracker plan must know its figures are the tracker's.
  if (plan.outcomeSource) lines.push(`Outcome from ${outcomeSourceText(plan)}`);
  if (plan.ceilingExceeded) lines.push(`Asks for approval: ${plan.ceilingExceeded}`);
  if (plan.proposals.length > 0) {
    lines.push('', '| entity | from → to | why |', '|---|---|---|');
    for (const p of plan.proposals.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${p.platform} ${p.name} (${p.entityId}) | ${money(p.fromMicros)} → ${money(p.toMicros)} | ${p.reason.replace(/\|/g, '/')} |`,
      );
    }
    if (plan.proposals.length > MAX_ROWS)
      lines.push(`| … ${plan.proposals.length - MAX_ROWS} more (query \`plans\`) | | |`);
  }
  if (plan.skipped.length > 0) lines.push('', `${plan.skipped.length} entities left alone (query \`plans\` for why).`);
  if (plan.decision)
    lines.push(
      '',
      `Decision: ${plan.decision.verdict} by ${plan.decision.by}${plan.decision.reason ? ` (${plan.decision.reason})` : ''}`,
    );
  return lines.join('\n');
}
