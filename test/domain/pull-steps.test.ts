import { describe, expect, it } from 'vitest';
import { pullSteps, stepIndex, type PullCheckpoint } from '../../src/activities/pull';
import { ZERO_COUNTS } from '../../src/domain/metrics';

const at = (phase: PullCheckpoint['phase'], level?: PullCheckpoint['level']): PullCheckpoint => ({
  phase,
  ...(level ? { level } : {}),
  cursor: 'c',
  page: 3,
  rows: 0,
  entities: 0,
  counts: ZERO_COUNTS,
});

describe('pull steps and where a retried attempt resumes', () => {
  const steps = pullSteps(['campaign', 'adset']);

  it('lists entities of every level before any metrics, campaigns first', () => {
    expect(steps).toEqual([
      { phase: 'entities', level: 'campaign' },
      { phase: 'entities', level: 'adset' },
      { phase: 'metrics', level: 'campaign' },
      { phase: 'metrics', level: 'adset' },
    ]);
  });

  it('resumes in the step the checkpoint names', () => {
    expect(stepIndex(steps, at('entities', 'adset'))).toBe(1);
    expect(stepIndex(steps, at('metrics', 'adset'))).toBe(3);
  });

  it('reads a checkpoint written before levels existed as campaign level', () => {
    expect(stepIndex(steps, at('metrics'))).toBe(2);
  });

  it('restarts the phase when the checkpoint level is no longer configured', () => {
    expect(stepIndex(pullSteps(['campaign']), at('metrics', 'adset'))).toBe(1);
  });
});
