import type { PromotionState } from './promotion-proposal';

const percent = (p: number | null) => (p === null ? '–' : `${p}%`);

/**
 * What an engineer sees in the Web UI's current details of a rulePromotion workflow: the evidence against the bar it
 * met, when it expires, and the exact Update to send (or the CLI command); once decided, what came of it.
 */
export function promotionMarkdown(s: PromotionState): string {
  const p = s.proposal;
  const title = {
    proposed: 'Promotion proposed',
    promoted: 'Promoted',
    declined: 'Promotion declined',
    expired: 'Promotion proposal expired',
    withdrawn: 'Promotion withdrawn',
  }[s.status];
  // Blocks are separated by a blank line: the Web UI renders Markdown, where single line breaks run together.
  const blocks = [
    `**${title}: ${p.ruleId} ${p.from} → ${p.to}** · ${p.advertiserId} · rule version ${p.ruleVersion}`,
    `Proposed ${p.proposedAt}; ${s.status === 'proposed' ? `**expires ${s.expiresAt}** unless confirmed (nothing changes then)` : `expiry was ${s.expiresAt}`}.`,
  ];
  const table = [`| evidence at ${p.from} | measured | bar |`, '|---|---|---|'];
  const f = p.figures;
  if (p.from === 'shadow') {
    // Shadow plans reach no AE: leaving shadow is judged on the proposals recorded (domain/rebalance/rule-level.ts).
    table.push(`| proposals recorded in shadow plans | ${f.recorded ?? 0} | ≥ ${p.bar.minDecisions} |`);
  } else {
    table.push(
      `| proposals decided by an AE | ${f.decided} | ≥ ${p.bar.minDecisions} |`,
      `| agreement (approved unchanged ÷ decided) | ${percent(f.agreementPct)} | ≥ ${p.bar.minAgreementPct}% |`,
      `| realised outcomes measured | ${f.outcomes} | ≥ ${p.bar.minOutcomes} |`,
      `| calibration (outcomes inside the predicted band) | ${percent(f.calibrationPct)} | ≥ ${p.bar.minCalibrationPct}% |`,
    );
  }
  blocks.push(
    table.join('\n'),
    `Recent figures at ${p.from} (the last ${p.bar.recentDecisions}) did not call for a demotion.`,
  );
  if (s.phase === 'awaiting_confirmation') {
    blocks.push(
      `**To confirm:** More Actions → Send an Update → Update name \`decidePromotion\`, input \`{"confirm": true, "by": "<your name>"}\` (a \`"reason"\` is kept with it).`,
      `**To decline:** the same Update with \`{"confirm": false, "by": "<your name>", "reason": "<why>"}\`.`,
      `From a shell: \`bin/adops rules confirm ${p.ruleId} --by <name>\` (\`--decline --reason "…"\`).`,
      `Confirming checks the rule again (version, level, bar); plans are made at ${p.to} from the next run.`,
    );
  } else if (s.phase === 'recording') {
    blocks.push(`Recording the ${s.decision ? (s.decision.confirm ? 'confirmation' : 'decline') : 'expiry'}…`);
  } else {
    if (s.decision)
      blocks.push(
        `${s.decision.confirm ? 'Confirmed' : 'Declined'} by ${s.decision.by} at ${s.decision.at}${s.decision.reason ? `: ${s.decision.reason}` : ''}.`,
      );
    if (s.detail) blocks.push(`**${s.detail}**`);
  }
  return blocks.join('\n\n');
}
