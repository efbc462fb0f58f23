import type { OutcomeRecord } from '../../../src/domain/rebalance/outcome';
import type {
  AutomationLevel,
  DecisionRecord,
  PlanRecord,
  PlanStatus,
  ProposalRecord,
} from '../../../src/domain/rebalance/plan-record';
import type { PromotionBar } from '../../../src/domain/rebalance/rule-stats';

/** Small builders for trust fixtures: plans with decisions and stored outcomes, figures written out by hand. */

export const BAR: PromotionBar = {
  minAgreementPct: 95,
  minDecisions: 30,
  minCalibrationPct: 80,
  minOutcomes: 10,
  recentDecisions: 20,
  outcomeDays: 7,
  proposalExpiresAfter: 604_800_000,
};

export const proposal = (entityId: string, predicted = { delta: 1, low: 0.5, high: 1.5 }): ProposalRecord => ({
  key: `naver|acc|campaign|${entityId}`,
  platform: 'naver',
  accountId: 'acc',
  level: 'campaign',
  entityId,
  name: entityId,
  fromMicros: '100000000000',
  toMicros: '110000000000',
  changePct: 10,
  predictedDelta: predicted.delta,
  predictedLow: predicted.low,
  predictedHigh: predicted.high,
  exposureMicros: '110000000000',
  reason: 'r',
  boundBy: [],
});

export function plan(
  planId: string,
  level: AutomationLevel,
  entities: string[],
  status: PlanStatus,
  decision?: Omit<DecisionRecord, 'by' | 'reason' | 'at'> & { at?: string },
  createdAt = '2026-03-01T01:00:00.000Z',
  ruleVersion = 'v1',
): PlanRecord {
  return {
    planId,
    workflowId: 'wf',
    ruleId: 'r1',
    ruleVersion,
    advertiserId: 'adv',
    currency: 'KRW',
    automation: level,
    objective: 'maxConversions',
    date: createdAt.slice(0, 10),
    createdAt,
    inputsHash: 'h',
    totalFromMicros: '0',
    totalToMicros: '0',
    proposals: entities.map((e) => proposal(e)),
    skipped: [],
    status,
    ...(decision
      ? { decision: { by: 'kim', reason: '', at: decision.at ?? createdAt, ...decision } as DecisionRecord }
      : {}),
  };
}

export const keys = (...entities: string[]) => entities.map((e) => `naver|acc|campaign|${e}`);

export function outcome(
  planId: string,
  entityId: string,
  level: AutomationLevel,
  figures: { realised: number; predicted: number; low: number; high: number; unit?: string },
  planCreatedAt = '2026-03-01T01:00:00.000Z',
  ruleVersion = 'v1',
): OutcomeRecord {
  return {
    planId,
    key: `naver|acc|campaign|${entityId}`,
    ruleId: 'r1',
    ruleVersion,
    level,
    currency: 'KRW',
    planCreatedAt,
    unit: figures.unit ?? 'conversions',
    days: 7,
    firstDay: '2026-03-02',
    lastDay: '2026-03-08',
    beforePerDay: 10,
    afterPerDay: 10 + figures.realised,
    realisedDelta: figures.realised,
    predictedDelta: figures.predicted,
    predictedLow: figures.low,
    predictedHigh: figures.high,
    inBand: figures.realised >= figures.low && figures.realised <= figures.high,
  };
}
