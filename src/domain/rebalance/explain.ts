import { currencyDecimals, microsToDecimal } from '../money';
import type { PlanRecord } from './plan-record';

/** What `adops explain` says about one proposal, gathered from the plan, its stored inputs, the ledger and metrics. */
export interface ProposalEvidence {
  key: string;
  /** The planner input's history for this entity: what the curve was fitted on. */
  data: { days: number; from: string | null; to: string | null; spendMicros: bigint; outcome: number };
  /** The account's last pull before the plan (pull_state), the source of that history. */
  pull: { lastPulledAt: string | null; pulledThrough: string | null } | null;
  /** The curve the planner fitted, re-made from the stored inputs. */
  curve: { b: number; sdB: number; level: number; sdLevel: number } | null;
  /** The ledger entry of the change: status, what was read, the platform's answer. */
  ledger: {
    status: string;
    observedMicros?: string;
    readBackMicros?: string;
    receipt?: string;
    detail?: string;
    at?: string;
  } | null;
  /** Settled days since the change: realised average daily spend and outcome. */
  after: { days: number; spendMicros: bigint; outcome: number } | null;
}

export interface PlanExplanation {
  plan: PlanRecord;
  /** The stored inputs still hash to the plan's inputsHash. */
  inputsIntact: boolean;
  /** Re-planning the stored inputs gives the same targets (the planner is deterministic). */
  replaysIdentically: boolean;
  evidence: Map<string, ProposalEvidence>;
}

/** The explanation as plain text: every element an auditor asks for, per change. */
export function explainText(e: PlanExplanation): string {
  const { plan } = e;
  const money = (micros: bigint | string) =>
    `${microsToDecimal(BigInt(micros), currencyDecimals(plan.currency))} ${plan.currency}`;
  const decision = plan.decision
    ? plan.decision.verdict === 'automatic'
      ? `automatic (${plan.automation} rule, ${plan.decision.reason})`
      : `${plan.decision.verdict} by ${plan.decision.by} at ${plan.decision.at}${plan.decision.reason ? `: ${plan.decision.reason}` : ''}`
    : 'not decided';
  const lines = [
    `Plan ${plan.planId} (${plan.status})`,
    `  rule ${plan.ruleId} version ${plan.ruleVersion}, level ${plan.automation}, objective ${plan.objective}, ${plan.currency}, made ${plan.createdAt} for ${plan.date}`,
    `  outcome source: ${outcomeSourceText(plan)}`,
    `  decision: ${decision}`,
    `  inputs: sha256 ${plan.inputsHash.slice(0, 16)}… ${e.inputsIntact ? 'intact' : 'DO NOT MATCH the stored hash'}; ` +
      `re-planned from them: ${e.replaysIdentically ? 'the same targets' : 'DIFFERENT targets'}`,
    `  total ${money(plan.totalFromMicros)} → ${money(plan.totalToMicros)}`,
  ];
  if (plan.levelNote) lines.push(`  level: ${plan.automation}, ${plan.levelNote}`);
  if (plan.ceilingExceeded) lines.push(`  asked for approval: ${plan.ceilingExceeded}`);
  for (const p of plan.proposals) {
    const ev = e.evidence.get(p.key);
    lines.push(
      '',
      `${p.platform} ${p.name} (${p.entityId}): ${money(p.fromMicros)} → ${money(p.toMicros)} (${p.changePct > 0 ? '+' : ''}${p.changePct}%)`,
    );
    lines.push(`  why: ${p.reason}`);
    lines.push(`  bound by: ${p.boundBy.length ? p.boundBy.join(', ') : 'nothing (marginal returns equalised)'}`);
    lines.push(
      `  predicted: ${signed(p.predictedDelta)} per day (90% band ${signed(p.predictedLow)} … ${signed(p.predictedHigh)}); worst-case daily spend ${money(p.exposureMicros)}`,
    );
    if (ev?.curve) {
      lines.push(
        `  curve: outcome ∝ spend^${ev.curve.b.toFixed(3)} (± ${ev.curve.sdB.toFixed(3)}), level ${ev.curve.level.toFixed(3)} (± ${ev.curve.sdLevel.toFixed(3)})`,
      );
    }
    if (ev) {
      lines.push(
        `  data: ${ev.data.days} days ${ev.data.from ?? '-'} … ${ev.data.to ?? '-'}, spend ${money(ev.data.spendMicros)}, outcome ${round(ev.data.outcome)}` +
          (ev.pull
            ? `; from the pull of ${ev.pull.lastPulledAt ?? 'unknown time'} (stored through ${ev.pull.pulledThrough ?? '-'})`
            : ''),
      );
      const l = ev.ledger;
      lines.push(
        l
          ? `  applied: ${l.status}${l.at ? ` at ${l.at}` : ''}${l.observedMicros ? `, read ${l.observedMicros === 'none' ? 'no budget' : money(l.observedMicros)} before` : ''}${l.readBackMicros ? `, read back ${l.readBackMicros === 'none' ? 'no budget' : money(l.readBackMicros)}` : ''}${l.detail ? ` (${l.detail})` : ''}${l.receipt ? `; platform receipt: ${l.receipt}` : ''}`
          : '  applied: no (not approved or not applied)',
      );
      lines.push(
        ev.after && ev.after.days > 0
          ? `  after: ${ev.after.days} settled days, average ${money(ev.after.spendMicros / BigInt(ev.after.days))} and ${round(ev.after.outcome / ev.after.days)} a day (predicted ${signed(p.predictedDelta)} against before)`
          : '  after: no settled day since the change yet',
      );
    }
  }
  if (plan.skipped.length) {
    lines.push('', 'Left alone:');
    for (const s of plan.skipped) lines.push(`  ${s.name} (${s.key}): ${s.why}`);
  }
  return lines.join('\n');
}

/** Where the outcome the curves were fitted on (and the "after" below) came from, in one line. */
export function outcomeSourceText(plan: Pick<PlanRecord, 'outcomeSource'>): string {
  const source = plan.outcomeSource;
  if (source?.source !== 'tracker') return "the media platforms' own conversions and conversion value";
  const apps = source.apps.length ? source.apps.join(', ') : 'no app mapped onto the scope';
  return `the tracker (${apps}): ${source.conversions} as conversions and its revenue, with the media's spend, per campaign-day`;
}

const round = (n: number) => (Math.round(n * 100) / 100).toString();
const signed = (n: number) => `${n >= 0 ? '+' : ''}${round(n)}`;
