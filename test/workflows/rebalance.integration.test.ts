import type { ChildProcess } from 'node:child_process';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { dateInZone } from '../../src/domain/dates';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import { explainText } from '../../src/domain/rebalance/explain';
import { gatherExplanation } from '../../src/reports/plan-explanation';
import { findPlan, findPlanInputs, ledgerOfPlan } from '../../src/storage/budget-store';
import type { DecideResult, RebalanceState } from '../../src/workflows/messages';
import { sandboxBudgetConnector } from '../helpers/budget-connector';
import { captureHistory } from '../helpers/histories';
import { DALBIT_RULE, pullDalbitHistory, whenPlanned, writeRules } from '../helpers/rebalance';
import { spawnTestWorker } from '../helpers/spawn-worker';
import { useTestEnv } from '../helpers/test-env';

/**
 * rebalanceBudgets on the real Temporal server and database against the budget-driven sandbox: Dalbit's Naver,
 * Kakao and TikTok campaigns (KRW, short restatement windows, so 35 pulled days hold 28 settled ones).
 */
describe('rebalanceBudgets', () => {
  const env = useTestEnv({ workers: false });
  let stopWorkers: (() => Promise<void>) | undefined;
  const date = dateInZone(new Date(), 'Asia/Seoul');
  let runs = 0;

  const mutations = () => env.sandbox.state.mutations.filter((m) => !m.validateOnly);

  async function start(rule: Record<string, unknown> = {}, input: Record<string, unknown> = {}) {
    writeRules(env, rule);
    runs += 1;
    return env.client.workflow.start('rebalanceBudgets', {
      taskQueue: env.taskQueue,
      workflowId: `rebalance:dalbit-foods:${date}:${env.taskQueue}:${runs}`,
      args: [{ advertiserId: 'dalbit-foods', ...input }],
    });
  }

  const planned = (handle: WorkflowHandle) => whenPlanned(handle);

  const onlyPlan = (state: RebalanceState): PlanRecord => {
    expect(state.plans).toHaveLength(1);
    return state.plans[0] as PlanRecord;
  };

  const decide = (handle: WorkflowHandle, arg: Record<string, unknown>) =>
    handle.executeUpdate<DecideResult, [Record<string, unknown>]>('decide', { args: [arg] });

  beforeAll(async () => {
    ({ stop: stopWorkers } = await env.startWorkers());
    await pullDalbitHistory(env, date);
  });
  afterAll(() => stopWorkers?.());
  beforeEach(() => env.sandbox.state.reset());

  // First, while no change is in the ledger yet: the cap counts every change applied to an account today.
  it('holds all but one change per account when maxChangesPerAccountPerDay is 1, and re-plans the total exactly', async () => {
    const handle = await start({
      level: 'shadow',
      constraints: { ...DALBIT_RULE.constraints, maxChangesPerAccountPerDay: 1 },
    });
    const plan = onlyPlan((await handle.result()) as RebalanceState);
    const perAccount = new Map<string, number>();
    for (const p of plan.proposals) perAccount.set(p.accountId, (perAccount.get(p.accountId) ?? 0) + 1);
    expect([...perAccount.values()].every((n) => n === 1)).toBe(true);
    expect(perAccount.size).toBeGreaterThan(1);
    expect(plan.skipped.some((s) => /held: the account reached maxChangesPerAccountPerDay/.test(s.why))).toBe(true);
    expect(BigInt(plan.totalToMicros)).toBe(BigInt(plan.totalFromMicros));
  });

  it('shadow: records the plan with its inputs and changes nothing', async () => {
    const handle = await start({ level: 'shadow' });
    const result = (await handle.result()) as RebalanceState;
    const plan = onlyPlan(result);
    expect(plan.status).toBe('shadow');
    expect(plan.proposals.length).toBeGreaterThan(0);
    expect(mutations()).toEqual([]);
    const stored = await findPlan(env.database.db, plan.planId);
    expect(stored?.status).toBe('shadow');
    const inputs = await findPlanInputs(env.database.db, plan.planId);
    expect(inputs?.hash).toBe(plan.inputsHash);
    // The same total, moved between campaigns, and every proposal says why.
    const total = (key: 'fromMicros' | 'toMicros') => plan.proposals.reduce((s, p) => s + BigInt(p[key]), 0n);
    expect(BigInt(plan.totalToMicros)).toBe(BigInt(plan.totalFromMicros));
    expect(total('toMicros') - total('fromMicros')).toBe(0n);
    for (const p of plan.proposals) expect(p.reason.length).toBeGreaterThan(10);
  });

  it('approve: waits for the decide Update, then applies every change exactly once and reads it back', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    expect(plan.status).toBe('awaiting_approval');
    expect(mutations()).toEqual([]);
    const result = await decide(handle, { planId: plan.planId, decision: 'approve', by: 'kim', reason: 'looks right' });
    expect(result.status, JSON.stringify(result.outcomes)).toBe('applied');
    expect(result.outcomes.map((o) => o.status)).toEqual(plan.proposals.map(() => 'applied'));
    const changed = mutations();
    expect(changed.map((m) => m.entityId).sort()).toEqual(plan.proposals.map((p) => p.entityId).sort());
    for (const p of plan.proposals) {
      expect(changed.find((m) => m.entityId === p.entityId)?.budgetMicros, p.key).toBe(p.toMicros);
    }
    const ledger = await ledgerOfPlan(env.database.db, plan.planId);
    expect(ledger.map((e) => e.status)).toEqual(plan.proposals.map(() => 'applied'));
    expect(ledger.every((e) => e.readBackMicros === e.toMicros && e.receipt !== undefined)).toBe(true);
    const stored = await findPlan(env.database.db, plan.planId);
    expect(stored?.decision).toMatchObject({ verdict: 'approved', by: 'kim', reason: 'looks right' });
    await handle.result();
    await captureHistory(env.client, handle.workflowId, 'rebalanceBudgets-approved');
    // adops explain: rule and version, the decision, inputs re-checked and re-planned, and per change the data with
    // its pull, the curve, the receipt and what happened after.
    const explained = await gatherExplanation(env.database.db, plan.planId);
    expect(explained.inputsIntact).toBe(true);
    expect(explained.replaysIdentically).toBe(true);
    const text = explainText(explained);
    expect(text).toContain(`rule dalbit-test version ${plan.ruleVersion}`);
    expect(text).toMatch(/decision: approved by kim at .*: looks right/);
    const first = explained.evidence.get(plan.proposals[0]!.key)!;
    expect(first.data.days).toBeGreaterThanOrEqual(7);
    expect(first.pull?.lastPulledAt).toMatch(/^\d{4}-/);
    expect(first.curve?.b).toBeGreaterThan(0);
    expect(first.ledger).toMatchObject({ status: 'applied', readBackMicros: plan.proposals[0]!.toMicros });
    expect(first.ledger?.receipt).toMatch(/→ 200/);
    expect(text).toContain('after: no settled day since the change yet');
  });

  it('revert: an applied plan goes back to its from values through approval and the same apply path', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    await decide(handle, { planId: plan.planId, decision: 'approve', by: 'kim' });
    await handle.result();
    const applied = mutations().length;
    expect(applied).toBe(plan.proposals.length);

    runs += 1;
    const revert = await env.client.workflow.start('rebalanceBudgets', {
      taskQueue: env.taskQueue,
      workflowId: `revert:${plan.planId}:${runs}`,
      args: [{ advertiserId: 'dalbit-foods', revertPlanId: plan.planId }],
    });
    const undo = onlyPlan(await planned(revert));
    expect(undo.status).toBe('awaiting_approval');
    expect(mutations()).toHaveLength(applied); // nothing before the approval
    for (const p of plan.proposals) {
      expect(undo.proposals.find((u) => u.key === p.key)).toMatchObject({
        fromMicros: p.toMicros,
        toMicros: p.fromMicros,
      });
    }
    const result = await decide(revert, { planId: undo.planId, decision: 'approve', by: 'lee', reason: 'undo' });
    expect(result.status, JSON.stringify(result.outcomes)).toBe('applied');
    const back = mutations().slice(applied);
    expect(back.map((m) => m.entityId).sort()).toEqual(plan.proposals.map((p) => p.entityId).sort());
    for (const p of plan.proposals)
      expect(back.find((m) => m.entityId === p.entityId)?.budgetMicros).toBe(p.fromMicros);
    await revert.result();
  });

  it('approve some: only the listed entities change', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    expect(plan.proposals.length).toBeGreaterThan(1);
    const chosen = plan.proposals[0]!;
    const result = await decide(handle, {
      planId: plan.planId,
      decision: 'approve',
      only: [chosen.entityId],
      by: 'lee',
    });
    expect(result.approved).toBe(1);
    expect(mutations().map((m) => m.entityId)).toEqual([chosen.entityId]);
    await handle.result();
  });

  it('reject: nothing changes and the reason is kept', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    const result = await decide(handle, { planId: plan.planId, decision: 'reject', by: 'park', reason: 'promo week' });
    expect(result.status).toBe('rejected');
    expect(mutations()).toEqual([]);
    expect((await findPlan(env.database.db, plan.planId))?.decision).toMatchObject({
      verdict: 'rejected',
      reason: 'promo week',
    });
    await handle.result();
  });

  it('expiry: a plan nobody decides expires unapplied', async () => {
    const handle = await start({ approvalExpiresAfter: '10s' });
    const result = (await handle.result()) as RebalanceState;
    expect(onlyPlan(result).status).toBe('expired');
    expect(mutations()).toEqual([]);
  });

  it('auto: applies without asking, within the auto ceiling', async () => {
    const handle = await start({ level: 'auto', autoCeilingPct: 50 });
    const plan = onlyPlan((await handle.result()) as RebalanceState);
    expect(plan.status, plan.decision?.reason).toBe('applied');
    expect(plan.decision?.verdict).toBe('automatic');
    expect(mutations()).toHaveLength(plan.proposals.length);
    expect(explainText(await gatherExplanation(env.database.db, plan.planId))).toMatch(
      /decision: automatic \(auto rule/,
    );
  });

  it('a changed entity cools down: the next plan leaves it alone and says why', async () => {
    const first = onlyPlan((await (await start({ level: 'auto', autoCeilingPct: 50 })).result()) as RebalanceState);
    expect(first.status).toBe('applied');
    const next = onlyPlan(
      (await (
        await start({ level: 'shadow', constraints: { ...DALBIT_RULE.constraints, cooldown: '72h' } })
      ).result()) as RebalanceState,
    );
    for (const changed of first.proposals) {
      expect(next.proposals.map((p) => p.key)).not.toContain(changed.key);
      expect(next.skipped.find((s) => s.key === changed.key)?.why).toMatch(/cooldown/);
    }
  });

  it('auto above the ceiling asks for approval', async () => {
    const handle = await start({ level: 'auto', autoCeilingPct: 0.01 });
    const plan = onlyPlan(await planned(handle));
    expect(plan.status).toBe('awaiting_approval');
    expect(plan.ceilingExceeded).toMatch(/above the rule's autoCeilingPct of 0.01%/);
    expect(mutations()).toEqual([]);
    await decide(handle, { planId: plan.planId, decision: 'reject', by: 'kim', reason: 'too big' });
    await handle.result();
  });

  it('kill switch: on before planning nothing is planned; on after approval nothing is applied', async () => {
    writeRules(env, {}, true);
    runs += 1;
    const killed = (await env.client.workflow.execute('rebalanceBudgets', {
      taskQueue: env.taskQueue,
      workflowId: `rebalance:killed:${env.taskQueue}:${runs}`,
      args: [{ advertiserId: 'dalbit-foods' }],
    })) as RebalanceState;
    expect(killed.plans).toEqual([]);
    expect(killed.killedRules[0]?.why).toMatch(/global kill switch/);

    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    writeRules(env, { killSwitch: true });
    const result = await decide(handle, { planId: plan.planId, decision: 'approve', by: 'kim' });
    expect(result.status).toBe('killed');
    expect(mutations()).toEqual([]);
    await handle.result();
  });

  it('a budget changed outside the engine is a conflict and is not overwritten', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    const touched = plan.proposals[0]!;
    // Someone edits the budget in the platform's own UI while the plan waits (the sandbox's own mutation path).
    const outside = (BigInt(touched.fromMicros) + 10_000_000_000n).toString();
    await sandboxBudgetConnector(env.sandbox, touched.platform, touched.accountId).writeBudget(
      { level: touched.level, entityId: touched.entityId },
      BigInt(outside),
    );
    const result = await decide(handle, { planId: plan.planId, decision: 'approve', by: 'kim' });
    expect(result.status).toBe('applied_with_problems');
    const conflict = result.outcomes.find((o) => o.key === touched.key);
    expect(conflict).toMatchObject({ status: 'conflict', observedMicros: outside });
    const conflictText = explainText(await gatherExplanation(env.database.db, plan.planId));
    expect(conflictText).toMatch(/applied: conflict .*read .* before.*changed outside this plan/);
    // The outside write is the only change to that entity: the plan did not overwrite it.
    expect(mutations().filter((m) => m.entityId === touched.entityId)).toHaveLength(1);
    await handle.result();
  });

  it('a bad Update is refused by the validator and never enters history', async () => {
    const handle = await start();
    const plan = onlyPlan(await planned(handle));
    const refused = await decide(handle, { planId: 'no-such-plan', decision: 'approve', by: 'kim' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as Error).cause)).toMatch(/"no-such-plan" is not waiting for approval in this run/);
    const unknownEntity = await decide(handle, {
      planId: plan.planId,
      decision: 'approve',
      only: ['999'],
      by: 'kim',
    }).catch((e: unknown) => e);
    expect(String((unknownEntity as Error).cause)).toMatch(/"999" is not a proposal/);
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    await decide(handle, { planId: plan.planId, decision: 'reject', by: 'kim', reason: 'test over' });
    await handle.result();
  });

  it('a worker SIGKILLed while applying: every budget is mutated exactly once', async () => {
    await stopWorkers?.();
    stopWorkers = undefined;
    const spawn = () =>
      spawnTestWorker({
        address: inject('temporalAddress'),
        namespace: inject('temporalNamespace'),
        mongoUrl: inject('mongoUrl'),
        dbName: env.database.db.databaseName,
        taskQueue: env.taskQueue,
        configDir: env.configDir,
        env: env.env,
      });
    const workers: ChildProcess[] = [await spawn()];
    try {
      const handle = await start();
      const plan = onlyPlan(await planned(handle));
      expect(plan.proposals.length).toBeGreaterThan(2);
      // Slow requests, so the kill lands between two changes.
      env.sandbox.state.faults = { ...env.sandbox.state.faults, latencyMs: 400 };
      const decision = decide(handle, { planId: plan.planId, decision: 'approve', by: 'kim' }).catch((e: unknown) => e);
      const deadline = Date.now() + 60_000;
      while (mutations().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      workers[0]!.kill('SIGKILL');
      // The kill landed part-way: some budgets changed, not all.
      const atKill = mutations().length;
      expect(atKill).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(plan.proposals.length);
      workers.push(await spawn());
      const state = (await handle.result()) as RebalanceState;
      await decision;
      expect(onlyPlan(state).status).toBe('applied');
      const perEntity = new Map<string, number>();
      for (const m of mutations()) perEntity.set(m.entityId, (perEntity.get(m.entityId) ?? 0) + 1);
      expect([...perEntity.keys()].sort()).toEqual(plan.proposals.map((p) => p.entityId).sort());
      expect([...perEntity.values()].every((n) => n === 1)).toBe(true);
    } finally {
      for (const w of workers) w.kill('SIGKILL');
    }
  });
});
