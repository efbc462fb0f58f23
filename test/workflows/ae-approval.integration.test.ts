import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dateInZone } from '../../src/domain/dates';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import { launchChromium } from '../../src/stack/browser';
import { findPlan } from '../../src/storage/budget-store';
import type { RebalanceState } from '../../src/workflows/messages';
import { pullDalbitHistory, whenPlanned, writeRules } from '../helpers/rebalance';
import { useTestEnv } from '../helpers/test-env';
import { screenshot, sendUpdateFromUi, startWorkflowFromUi } from '../helpers/web-ui';

/**
 * The AE's path in a real browser: headless Chromium opens the dev server's Web UI, starts rebalanceBudgets with a
 * pasted JSON input, is refused a wrong decision by the validator, approves the plan with Send an Update, and the
 * budgets change in the sandbox. Screenshots are kept in test-artifacts/browser/.
 */
describe('an AE approves a budget plan in the Temporal Web UI', () => {
  const env = useTestEnv();
  const today = dateInZone(new Date(), 'Asia/Seoul');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    expect(inject('temporalUi'), 'this test needs the dev server Web UI (TEMPORAL_UI)').not.toBe('');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await pullDalbitHistory(env, today);
    writeRules(env);
    env.sandbox.state.reset();
  }, 600_000);
  afterAll(() => browser?.close());

  it('starts rebalanceBudgets from Start Workflow and approves its plan with Send an Update', async () => {
    const ui = { uiUrl: inject('temporalUi'), namespace: inject('temporalNamespace') };
    const workflowId = `rebalance:dalbit-foods:${today}:${env.taskQueue}:ui`;
    await startWorkflowFromUi(page, {
      ...ui,
      workflowId,
      taskQueue: env.taskQueue,
      workflowType: 'rebalanceBudgets',
      input: { advertiserId: 'dalbit-foods' },
    });
    await screenshot(page, 'ae-1-started');
    const handle = env.client.workflow.getHandle(workflowId);
    const state = await whenPlanned(handle);
    const plan = state.plans[0] as PlanRecord;
    expect(plan.status).toBe('awaiting_approval');
    expect(plan.proposals.length).toBeGreaterThan(0);

    const refused = await sendUpdateFromUi(page, {
      ...ui,
      workflowId,
      updateName: 'decide',
      arg: { planId: 'not-this-one', decision: 'approve', by: 'ae@agency' },
    });
    await screenshot(page, 'ae-2-refused');
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('"not-this-one" is not waiting for approval in this run');
    expect(env.sandbox.state.mutations).toEqual([]);

    const approved = await sendUpdateFromUi(page, {
      ...ui,
      workflowId,
      updateName: 'decide',
      arg: { planId: plan.planId, decision: 'approve', by: 'ae@agency', reason: 'approved in the Web UI' },
    });
    await screenshot(page, 'ae-3-approved');
    expect(approved).toMatchObject({ ok: true, listed: true });

    const result = (await handle.result()) as RebalanceState;
    expect(result.plans[0]?.status).toBe('applied');
    const changed = env.sandbox.state.mutations.filter((m) => !m.validateOnly);
    expect(changed.map((m) => m.entityId).sort()).toEqual(plan.proposals.map((p) => p.entityId).sort());
    for (const p of plan.proposals)
      expect(changed.find((m) => m.entityId === p.entityId)?.budgetMicros).toBe(p.toMicros);
    expect((await findPlan(env.database.db, plan.planId))?.decision).toMatchObject({
      verdict: 'approved',
      by: 'ae@agency',
      reason: 'approved in the Web UI',
    });
    await page.goto(`${ui.uiUrl}/namespaces/${ui.namespace}/workflows/${encodeURIComponent(workflowId)}`);
    await page.getByText('Completed').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'ae-4-completed');
  });
});
