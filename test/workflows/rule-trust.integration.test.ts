import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoteRule } from '../../src/activities/rule-level';
import { ruleAssessments } from '../../src/cli/rules-command';
import { addDays, dateInZone } from '../../src/domain/dates';
import { explainText } from '../../src/domain/rebalance/explain';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import { PromotionError } from '../../src/domain/rebalance/rule-level';
import { ruleStatsText } from '../../src/domain/rebalance/rule-stats-text';
import { gatherExplanation } from '../../src/reports/plan-explanation';
import { findPlan, findPlanInputs } from '../../src/storage/budget-store';
import { COLLECTIONS } from '../../src/storage/mongo';
import { promotionsOfRule } from '../../src/storage/promotion-store';
import type { DecideResult } from '../../src/workflows/messages';
import { DALBIT_RULE, pullDalbitHistory, whenPlanned, writeRules } from '../helpers/rebalance';
import { useTestEnv } from '../helpers/test-env';

/**
 * Measured trust on the real Temporal server and database: promotion waits for an engineer's confirmation even when
 * the bar is met, the rebalance path then plans at the promoted level, and a demotion is recorded by itself (once)
 * when recent AE decisions fall below the bar.
 */
describe('measured trust per rule', () => {
  const env = useTestEnv({ workers: false });
  let stopWorkers: (() => Promise<void>) | undefined;
  const date = dateInZone(new Date(), 'Asia/Seoul');
  let runs = 0;
  let firstPlanId = '';
  // A bar small enough for one test: 2 decisions at ≥ 75%, outcomes not required; demotion over the last 4.
  // autoCeilingPct 0.01: at auto every plan still asks an AE, so AE decisions at auto are evidence too.
  const RULE = {
    ...DALBIT_RULE,
    id: 'dalbit-trust',
    autoCeilingPct: 0.01,
    promotion: { minDecisions: 2, minAgreementPct: 75, minOutcomes: 0, minCalibrationPct: 0, recentDecisions: 4 },
  };

  async function run(input: Record<string, unknown> = {}): Promise<{ handle: WorkflowHandle; plan: PlanRecord }> {
    runs += 1;
    const handle = await env.client.workflow.start('rebalanceBudgets', {
      taskQueue: env.taskQueue,
      workflowId: `rebalance:dalbit-foods:${date}:${env.taskQueue}:trust-${runs}`,
      args: [{ advertiserId: 'dalbit-foods', ...input }],
    });
    const state = await whenPlanned(handle);
    expect(state.plans).toHaveLength(1);
    return { handle, plan: state.plans[0] as PlanRecord };
  }

  const decide = (handle: WorkflowHandle, arg: Record<string, unknown>) =>
    handle.executeUpdate<DecideResult, [Record<string, unknown>]>('decide', { args: [arg] });
  const levelChanges = async () =>
    (await env.database.db.collection(COLLECTIONS.ruleLevels).find({ ruleId: RULE.id }).toArray()).sort(
      (a, b) => (a.seq as number) - (b.seq as number),
    );
  const assessment = async () => (await ruleAssessments(env.database.db, env.config(), RULE.id))[0]!;

  beforeAll(async () => {
    ({ stop: stopWorkers } = await env.startWorkers());
    await pullDalbitHistory(env, date);
    writeRules(env, RULE);
  });
  afterAll(async () => {
    // Rebalance runs that met the bar proposed promotions (rulePromotion): none may wait on a queue nobody polls.
    for (const p of await promotionsOfRule(env.database.db, RULE.id))
      if (p.status === 'proposed')
        await env.client.workflow
          .getHandle(p.workflowId)
          .terminate('test over')
          .catch(() => undefined);
    await stopWorkers?.();
  });

  it('promotion is refused without evidence, proposed when the bar is met, and takes effect only when confirmed', async () => {
    await expect(promoteRule(env.database.db, env.config(), RULE.id, { by: 'kim' })).rejects.toThrow(PromotionError);
    expect(await levelChanges()).toEqual([]);

    const first = await run();
    expect(first.plan).toMatchObject({ automation: 'approve', status: 'awaiting_approval' });
    expect(first.plan.proposals.length).toBeGreaterThan(1);
    expect((await decide(first.handle, { planId: first.plan.planId, decision: 'approve', by: 'lee' })).status).toBe(
      'applied',
    );
    await first.handle.result();
    firstPlanId = first.plan.planId;

    // Every proposal approved unchanged: the bar is met and the stats propose the promotion...
    const met = await assessment();
    const n = first.plan.proposals.length;
    expect(met.assessment.stats).toEqual([
      expect.objectContaining({ level: 'approve', decided: n, approvedUnchanged: n, agreementPct: 100 }),
    ]);
    expect(met.assessment.promotion).toEqual({ to: 'auto', met: true, missing: [] });
    expect(ruleStatsText(met.assessment, met.bar)).toContain('PROPOSED for promotion to auto');

    // ...but nothing moves until someone confirms it: the next plan still waits at approve.
    const unconfirmed = await run({ dryRun: true });
    expect(unconfirmed.plan).toMatchObject({ automation: 'approve', status: 'dry_run' });
    expect(unconfirmed.plan.levelNote).toBeUndefined();
    await unconfirmed.handle.result();

    const promoted = await promoteRule(env.database.db, env.config(), RULE.id, {
      by: 'kim',
      reason: 'every proposal approved as is',
      to: 'auto',
    });
    expect(promoted.change).toMatchObject({ kind: 'promotion', from: 'approve', to: 'auto', by: 'kim' });
    // The same command again finds the rule at auto and records nothing.
    expect((await promoteRule(env.database.db, env.config(), RULE.id, { by: 'kim', to: 'auto' })).change).toBeNull();
    expect(await levelChanges()).toHaveLength(1);

    const atAuto = await run();
    expect(atAuto.plan).toMatchObject({ automation: 'auto', configLevel: 'approve', status: 'awaiting_approval' });
    expect(atAuto.plan.ceilingExceeded).toMatch(/autoCeilingPct of 0.01%/);
    expect(atAuto.plan.levelNote).toMatch(/^promoted by kim approve → auto at .*: every proposal approved as is$/);
    // The AE disagrees with the auto rule's plan: evidence against it at auto.
    await decide(atAuto.handle, { planId: atAuto.plan.planId, decision: 'reject', by: 'lee', reason: 'promo week' });
    await atAuto.handle.result();
  });

  it('demotion happens by itself when recent agreement falls below the bar, is recorded once, and is shown', async () => {
    // At auto since the promotion: n ≥ 2 proposals rejected in a window of 4 → at best (4 − n) / 4 ≤ 50% < 75%.
    const demoted = await run();
    expect(demoted.plan).toMatchObject({ automation: 'approve', configLevel: 'approve', status: 'awaiting_approval' });
    expect(demoted.plan.levelNote).toMatch(
      /^demoted automatically auto → approve at .*recent agreement \d+% is below 75%/,
    );
    const changes = await levelChanges();
    expect(changes.map((c) => c.kind)).toEqual(['promotion', 'demotion']);
    const demotion = changes.find((c) => c.kind === 'demotion')!;
    expect(demotion).toMatchObject({ from: 'auto', to: 'approve', by: 'automatic' });
    expect(demotion.figures).toMatchObject({ decided: expect.any(Number), agreementPct: expect.any(Number) });
    expect(demotion.figures.agreementPct).toBeLessThan(75);

    // The plan carries it to the CLI (plans, explain) and the Web UI (the `plans` query is the plan record).
    expect((await findPlan(env.database.db, demoted.plan.planId))?.levelNote).toBe(demoted.plan.levelNote);
    expect(explainText(await gatherExplanation(env.database.db, demoted.plan.planId))).toContain(
      `level: approve, ${demoted.plan.levelNote}`,
    );
    await decide(demoted.handle, { planId: demoted.plan.planId, decision: 'approve', by: 'lee' });
    await demoted.handle.result();

    // Planning again on the same evidence records nothing more and stays at approve.
    const again = await run({ dryRun: true });
    expect(again.plan.automation).toBe('approve');
    await again.handle.result();
    expect((await levelChanges()).map((c) => c.kind)).toEqual(['promotion', 'demotion']);
    const stats = await assessment();
    expect(stats.assessment.level).toBe('approve');
    expect(ruleStatsText(stats.assessment, stats.bar)).toContain('demoted automatically auto → approve');
  });

  it('stores an applied change’s realised outcome once its days after the plan are settled, and only once', async () => {
    const db = env.database.db;
    const applied = (await findPlan(db, firstPlanId)) as PlanRecord;
    const p = applied.proposals[0]!;
    const inputs = (await findPlanInputs(db, applied.planId))?.inputs as {
      entities: Array<{ id: string; history: Array<{ conversions: number }> }>;
    };
    const history = inputs.entities.find((e) => e.id === p.key)!.history;
    const beforePerDay = history.reduce((s, h) => s + h.conversions, 0) / history.length;
    // The plan's own day (1000 conversions: the change landed during it, so it must not count), then seven settled
    // days of 10 conversions each: realised change 10 − before, a day.
    const row = (date: string, conversions: number) => ({
      _id: `${p.key}|${date}`,
      platform: p.platform,
      accountId: p.accountId,
      advertiserId: 'dalbit-foods',
      level: p.level,
      entityId: p.entityId,
      entityName: p.name,
      date,
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      impressions: 1000,
      clicks: 10,
      spendMicros: BigInt(p.toMicros),
      conversions,
      conversionValueMicros: 0n,
      mature: true,
    });
    const days = [1, 2, 3, 4, 5, 6, 7].map((i) => row(addDays(applied.date, i), 10));
    await db.collection(COLLECTIONS.metricsDaily).insertMany([row(applied.date, 1000), ...days] as never[]);

    const stats = await assessment();
    const stored = await db.collection(COLLECTIONS.budgetOutcomes).find({ planId: applied.planId }).toArray();
    expect(stored).toHaveLength(1);
    const realised = 10 - beforePerDay;
    expect(stored[0]).toMatchObject({ key: p.key, level: 'approve', days: 7, afterPerDay: 10, unit: 'conversions' });
    expect(stored[0]!.realisedDelta).toBeCloseTo(realised, 9);
    expect(stored[0]!.inBand).toBe(realised >= p.predictedLow && realised <= p.predictedHigh);
    // The plan approved after the demotion may have moved the same campaign on the same day: it is measured too.
    const all = await db.collection(COLLECTIONS.budgetOutcomes).find({ ruleId: RULE.id }).toArray();
    expect(all.every((o) => o.key === p.key && o.level === 'approve')).toBe(true);
    expect(stats.assessment.stats.find((s) => s.level === 'approve')).toMatchObject({
      outcomes: all.length,
      inBand: all.filter((o) => o.inBand).length,
    });

    // Measured again (a later stats run, a later plan): the stored figures stand.
    await db
      .collection(COLLECTIONS.metricsDaily)
      .updateMany({ entityId: p.entityId, date: { $in: days.map((d) => d.date) } }, { $set: { conversions: 50 } });
    await assessment();
    const again = await db.collection(COLLECTIONS.budgetOutcomes).find({ planId: applied.planId }).toArray();
    expect(again).toEqual(stored);
  });
});
