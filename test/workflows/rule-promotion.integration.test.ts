import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decidePromotion, ruleAssessments } from '../../src/cli/rules-command';
import { dateInZone } from '../../src/domain/dates';
import { launchChromium } from '../../src/stack/browser';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import type { PromotionState } from '../../src/domain/rebalance/promotion-proposal';
import { ruleStatsText } from '../../src/domain/rebalance/rule-stats-text';
import { COLLECTIONS } from '../../src/storage/mongo';
import { findPromotion } from '../../src/storage/promotion-store';
import type { DecideResult } from '../../src/workflows/messages';
import { captureHistory } from '../helpers/histories';
import { DALBIT_RULE, pullDalbitHistory, whenPlanned, writeRules } from '../helpers/rebalance';
import { useTestEnv } from '../helpers/test-env';
import { screenshot, sendUpdateFromUi } from '../helpers/web-ui';

/** The text of the page's frame that shows `text` (polled: the UI fills its frames after the page loads). */
async function frameText(page: Page, text: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    for (const frame of page.frames()) {
      const body = await frame
        .locator('body')
        .innerText({ timeout: 1_000 })
        .catch(() => '');
      if (body.includes(text)) return body.replace(/\s+/g, ' ');
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no frame of ${page.url()} shows "${text}"`);
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
const ALREADY_EXISTS =
  temporal.api.enums.v1.StartChildWorkflowExecutionFailedCause
    .START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS;

/**
 * Promotion through a Temporal Update on the real server and database: a rebalance run whose rule meets its bar
 * starts one rulePromotion workflow (and a later run no second one); it shows the evidence and the Update to send, is
 * refused a malformed decision by its validator, and records the promotion when confirmed (the next plan is made at
 * the new level), the decline when declined, nothing but the expiry when nobody answers, and nothing when the rule
 * changed since the proposal.
 */
describe('promotion proposed as a workflow and confirmed through an Update', () => {
  const env = useTestEnv({ workers: false });
  let stopWorkers: (() => Promise<void>) | undefined;
  const date = dateInZone(new Date(), 'Asia/Seoul');
  // Proposal ids are deterministic and the shared dev server refuses an id it has seen (REJECT_DUPLICATE): rule ids
  // unique to this run keep a second run of this file from meeting the first one's proposals.
  const run36 = Date.now().toString(36);
  let runs = 0;
  const opened: string[] = [];
  // A bar one approved plan meets: 2 decisions at ≥ 75%, outcomes not required. autoCeilingPct 0.01: a plan made at
  // auto still waits for an AE, so nothing is applied on its own.
  const ruleNamed = (name: string, promotion: Record<string, unknown> = {}) => ({
    ...DALBIT_RULE,
    id: `${name}-${run36}`,
    autoCeilingPct: 0.01,
    promotion: {
      minDecisions: 2,
      minAgreementPct: 75,
      minOutcomes: 0,
      minCalibrationPct: 0,
      recentDecisions: 4,
      ...promotion,
    },
  });

  async function plan(input: Record<string, unknown> = {}): Promise<{ handle: WorkflowHandle; plan: PlanRecord }> {
    runs += 1;
    const handle = await env.client.workflow.start('rebalanceBudgets', {
      taskQueue: env.taskQueue,
      workflowId: `rebalance:dalbit-foods:${date}:${env.taskQueue}:promo-${runs}`,
      args: [{ advertiserId: 'dalbit-foods', ...input }],
    });
    const state = await whenPlanned(handle);
    expect(state.plans).toHaveLength(1);
    return { handle, plan: state.plans[0] as PlanRecord };
  }

  /** A rebalance run whose plan an AE approves unchanged: evidence toward the bar. Returns its history when done. */
  async function approvedRun(): Promise<{ plan: PlanRecord; history: History }> {
    const { handle, plan: made } = await plan();
    expect(made).toMatchObject({ automation: 'approve', status: 'awaiting_approval' });
    await handle.executeUpdate<DecideResult, [Record<string, unknown>]>('decide', {
      args: [{ planId: made.planId, decision: 'approve', by: 'lee' }],
    });
    await handle.result();
    return { plan: made, history: await handle.fetchHistory() };
  }

  /** The child workflows a run asked Temporal to start, and the starts Temporal refused. */
  const childStarts = (history: History) => ({
    initiated: (history.events ?? []).flatMap((e) => {
      const a = e.startChildWorkflowExecutionInitiatedEventAttributes;
      return a ? [{ type: a.workflowType?.name, workflowId: a.workflowId }] : [];
    }),
    refused: (history.events ?? []).flatMap((e) => {
      const a = e.startChildWorkflowExecutionFailedEventAttributes;
      return a ? [{ workflowId: a.workflowId, cause: a.cause }] : [];
    }),
  });

  /** The proposal's handle once its first step (recording the proposal) has run. */
  async function proposalOpen(workflowId: string): Promise<{ handle: WorkflowHandle; state: PromotionState }> {
    opened.push(workflowId);
    const handle = env.client.workflow.getHandle(workflowId);
    for (let i = 0; i < 300; i++) {
      const state = await handle.query<PromotionState>('promotion').catch(() => undefined);
      if (state && (await findPromotion(env.database.db, workflowId))) return { handle, state };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${workflowId} did not open`);
  }

  const decide = (handle: WorkflowHandle, arg: unknown) =>
    handle.executeUpdate<PromotionState, [unknown]>('decidePromotion', { args: [arg] });
  const levelChanges = (ruleId: string) =>
    env.database.db.collection(COLLECTIONS.ruleLevels).find({ ruleId }).toArray();
  const statsText = async (ruleId: string) => {
    const r = (await ruleAssessments(env.database.db, env.config(), ruleId))[0]!;
    return ruleStatsText(r.assessment, r.bar, r.proposals);
  };
  const updateEvents = (history: History) =>
    (history.events ?? []).filter(
      (e) =>
        e.workflowExecutionUpdateAcceptedEventAttributes ||
        e.workflowExecutionUpdateAdmittedEventAttributes ||
        e.workflowExecutionUpdateCompletedEventAttributes,
    );

  beforeAll(async () => {
    ({ stop: stopWorkers } = await env.startWorkers());
    await pullDalbitHistory(env, date);
  });
  afterAll(async () => {
    // A proposal left open by a failed test would wait days on a task queue nobody polls any more.
    for (const id of opened)
      await env.client.workflow
        .getHandle(id)
        .terminate('test over')
        .catch(() => undefined);
    await stopWorkers?.();
  });

  it('bar met: one proposal, shown with its evidence; refused when malformed; confirmed, the next plan is at auto', async () => {
    const rule = ruleNamed('promo-confirm');
    writeRules(env, rule);
    const first = await approvedRun();
    const n1 = first.plan.proposals.length;
    expect(n1).toBeGreaterThanOrEqual(2);
    const id = `promote:${rule.id}:${first.plan.ruleVersion}:approve-auto:0`;
    expect(childStarts(first.history)).toEqual({ initiated: [{ type: 'rulePromotion', workflowId: id }], refused: [] });

    const { handle, state } = await proposalOpen(id);
    expect(state).toMatchObject({
      phase: 'awaiting_confirmation',
      status: 'proposed',
      level: 'approve',
      proposal: {
        ruleId: rule.id,
        ruleVersion: first.plan.ruleVersion,
        advertiserId: 'dalbit-foods',
        from: 'approve',
        to: 'auto',
        changes: 0,
        figures: { decided: n1, agreementPct: 100, outcomes: 0, calibrationPct: null },
        expiresAfterMs: 7 * 86_400_000,
      },
    });
    // Default expiry (promotion.proposalExpiresAfter 7d), counted from the workflow's start.
    // (from its first workflow task, where the timer starts: a few ms to a few seconds after the start)
    const waits = Date.parse(state.expiresAt) - (await handle.describe()).startTime.getTime();
    expect(waits).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(waits).toBeLessThan(7 * 86_400_000 + 10_000);
    // The Web UI's current details: the figures against the bar and the exact Update.
    const { currentDetails } = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(currentDetails).toContain(`| proposals decided by an AE | ${n1} | ≥ 2 |`);
    expect(currentDetails).toContain('| agreement (approved unchanged ÷ decided) | 100% | ≥ 75% |');
    expect(currentDetails).toContain('Update name `decidePromotion`, input `{"confirm": true, "by": "<your name>"}`');
    expect(await statsText(rule.id)).toContain(
      `PROPOSED for promotion to auto: the bar is met; waiting for an engineer in workflow ${id}`,
    );

    // A second run meets the bar again: the proposal waiting is not started twice.
    const second = await approvedRun();
    expect(childStarts(second.history)).toEqual({ initiated: [], refused: [] });

    // Malformed decisions are refused by the validator: no Update event, nothing recorded.
    const refused = await decide(handle, { confirm: 'yes', by: '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as Error).cause)).toContain(
      'Invalid promotion decision: confirm: must be true (promote) or false (decline), got "yes"; by: who decides, 1-100 characters',
    );
    const noReason = await decide(handle, { confirm: false, by: 'kim' }).catch((e: unknown) => e);
    expect(String((noReason as Error).cause)).toContain('reason: required when declining');
    expect(updateEvents(await handle.fetchHistory())).toEqual([]);
    expect(await levelChanges(rule.id)).toEqual([]);

    const confirmed = await decide(handle, { confirm: true, by: 'kim', reason: 'every proposal approved as is' });
    expect(confirmed).toMatchObject({
      phase: 'done',
      status: 'promoted',
      level: 'auto',
      decision: { confirm: true, by: 'kim', reason: 'every proposal approved as is' },
    });
    // Recorded through promoteRule, with the figures re-read at confirmation: both runs' proposals, all unchanged.
    const n = n1 + second.plan.proposals.length;
    const changes = await levelChanges(rule.id);
    expect(changes).toEqual([
      expect.objectContaining({
        _id: `promote|${rule.id}|${first.plan.ruleVersion}|0`,
        kind: 'promotion',
        from: 'approve',
        to: 'auto',
        by: 'kim',
        reason: 'every proposal approved as is',
        proposal: id,
        figures: { recorded: 0, decided: n, agreementPct: 100, outcomes: 0, calibrationPct: null },
      }),
    ]);
    expect(await findPromotion(env.database.db, id)).toMatchObject({ status: 'promoted', by: 'kim' });
    expect(((await handle.result()) as PromotionState).status).toBe('promoted');
    await captureHistory(env.client, id, 'rulePromotion-promoted');
    // The first decision closed it: a second is refused (the workflow is done), nothing more is recorded.
    await expect(decide(handle, { confirm: true, by: 'park' })).rejects.toThrow();
    expect(await levelChanges(rule.id)).toHaveLength(1);

    const atAuto = await plan({ dryRun: true });
    expect(atAuto.plan).toMatchObject({ automation: 'auto', configLevel: 'approve', status: 'dry_run' });
    expect(atAuto.plan.levelNote).toMatch(/^promoted by kim approve → auto at .*: every proposal approved as is$/);
    await atAuto.handle.result();
    expect(await statsText(rule.id)).toMatch(new RegExp(`proposal ${id}: approve → auto promoted by kim at `));
  });

  it('declined through adops rules confirm: nothing changes, the decline is recorded, the step is not proposed again', async () => {
    const rule = ruleNamed('promo-decline');
    writeRules(env, rule);
    const first = await approvedRun();
    const id = `promote:${rule.id}:${first.plan.ruleVersion}:approve-auto:0`;
    const { handle } = await proposalOpen(id);

    const declined = await decidePromotion(id, { confirm: false, by: 'lee', reason: 'promo month: keep an AE on it' });
    expect(declined).toMatchObject({ status: 'declined', level: 'approve', decision: { confirm: false, by: 'lee' } });
    expect(await levelChanges(rule.id)).toEqual([]);
    expect(await findPromotion(env.database.db, id)).toMatchObject({
      status: 'declined',
      by: 'lee',
      reason: 'promo month: keep an AE on it',
    });
    expect(await statsText(rule.id)).toMatch(
      /PROPOSED for promotion to auto: the bar is met; its proposal approve → auto declined by lee at .*: promo month: keep an AE on it; not proposed again/,
    );
    await handle.result();

    // The bar is still met at the next run: the decline stands (the record), and the plan is made at approve.
    const next = await approvedRun();
    expect(next.plan.automation).toBe('approve');
    expect(childStarts(next.history)).toEqual({ initiated: [], refused: [] });
    // Even without the record, Temporal refuses the closed id again (REJECT_DUPLICATE): still one run of it.
    await env.database.db.collection(COLLECTIONS.promotionProposals).deleteOne({ _id: id as never });
    const again = await approvedRun();
    expect(childStarts(again.history)).toMatchObject({
      initiated: [{ workflowId: id }],
      refused: [{ workflowId: id, cause: ALREADY_EXISTS }],
    });
    const runsOfId = [];
    for await (const w of env.client.workflow.list({ query: `WorkflowId = '${id}'` })) runsOfId.push(w.runId);
    expect(runsOfId).toHaveLength(1);
    expect(await levelChanges(rule.id)).toEqual([]);
  });

  it('expiry: nobody answers within proposalExpiresAfter, the proposal closes and nothing changes', async () => {
    const rule = ruleNamed('promo-expire', { proposalExpiresAfter: '10s' });
    writeRules(env, rule);
    const first = await approvedRun();
    const id = `promote:${rule.id}:${first.plan.ruleVersion}:approve-auto:0`;
    const { handle, state } = await proposalOpen(id);
    const waits = Date.parse(state.expiresAt) - (await handle.describe()).startTime.getTime();
    expect(waits).toBeGreaterThanOrEqual(10_000);
    expect(waits).toBeLessThan(20_000);

    const result = (await handle.result()) as PromotionState;
    expect(result).toMatchObject({ status: 'expired', level: 'approve' });
    // It expired on its own 10 s timer (not a longer one that happened to end within the test's patience).
    const timers = ((await handle.fetchHistory()).events ?? []).flatMap((e) => {
      const t = e.timerStartedEventAttributes?.startToFireTimeout;
      return t ? [Number(String(t.seconds ?? 0)) * 1000 + Math.round((t.nanos ?? 0) / 1e6)] : [];
    });
    expect(timers).toEqual([10_000]);
    expect(result.decision).toBeUndefined();
    expect(await findPromotion(env.database.db, id)).toMatchObject({ status: 'expired', by: 'nobody' });
    expect(await levelChanges(rule.id)).toEqual([]);
    await expect(decide(handle, { confirm: true, by: 'kim' })).rejects.toThrow();
    expect(await levelChanges(rule.id)).toEqual([]);
  });

  it('a confirmation checks the rule again: edited since the proposal, it is withdrawn and nothing is recorded', async () => {
    const rule = ruleNamed('promo-stale');
    writeRules(env, rule);
    const first = await approvedRun();
    const id = `promote:${rule.id}:${first.plan.ruleVersion}:approve-auto:0`;
    const { handle } = await proposalOpen(id);
    writeRules(env, { ...rule, description: 'edited after the proposal' });

    const answer = await decide(handle, { confirm: true, by: 'kim' });
    expect(answer).toMatchObject({ status: 'withdrawn', level: 'approve' });
    expect(answer.detail).toMatch(
      new RegExp(
        `^Not promoted: ${rule.id} was edited since the proposal \\(version ${first.plan.ruleVersion} → [0-9a-f]{12}\\)`,
      ),
    );
    expect(await levelChanges(rule.id)).toEqual([]);
    expect(await findPromotion(env.database.db, id)).toMatchObject({ status: 'withdrawn', by: 'kim' });
  });

  it.skipIf(!inject('temporalUi'))(
    'confirmed in the Web UI: the details show the evidence, Send an Update → decidePromotion records it',
    async () => {
      const rule = ruleNamed('promo-ui');
      writeRules(env, rule);
      const first = await approvedRun();
      const id = `promote:${rule.id}:${first.plan.ruleVersion}:approve-auto:0`;
      const { handle } = await proposalOpen(id);
      const ui = { uiUrl: inject('temporalUi'), namespace: inject('temporalNamespace') };
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
        await page.goto(`${ui.uiUrl}/namespaces/${ui.namespace}/workflows/${encodeURIComponent(id)}`);
        // User Metadata → Current Details: the evidence against the bar and the Update to send (rendered Markdown).
        await page.getByText('User Metadata', { exact: true }).first().click({ timeout: 30_000 });
        // The UI renders Summary and Current Details as Markdown, each in its own sandboxed frame.
        const shown = await frameText(page, 'proposals decided by an AE');
        expect(shown).toContain('To confirm: More Actions → Send an Update → Update name decidePromotion');
        await screenshot(page, 'promotion-1-proposed');

        const refused = await sendUpdateFromUi(page, {
          ...ui,
          workflowId: id,
          updateName: 'decidePromotion',
          arg: { confirm: true },
        });
        expect(refused).toMatchObject({ ok: false, listed: true });
        expect(refused.text).toContain('by: who decides, 1-100 characters');
        await screenshot(page, 'promotion-2-refused');

        const confirmed = await sendUpdateFromUi(page, {
          ...ui,
          workflowId: id,
          updateName: 'decidePromotion',
          arg: { confirm: true, by: 'kim@agency', reason: 'confirmed in the Web UI' },
        });
        expect(confirmed).toMatchObject({ ok: true, listed: true });
        expect(((await handle.result()) as PromotionState).status).toBe('promoted');
        expect(await levelChanges(rule.id)).toEqual([
          expect.objectContaining({ from: 'approve', to: 'auto', by: 'kim@agency', reason: 'confirmed in the Web UI' }),
        ]);
        await page.goto(`${ui.uiUrl}/namespaces/${ui.namespace}/workflows/${encodeURIComponent(id)}`);
        await page.getByText('Completed').first().waitFor({ timeout: 30_000 });
        await screenshot(page, 'promotion-3-promoted');
      } finally {
        await browser.close();
      }
    },
  );
});
