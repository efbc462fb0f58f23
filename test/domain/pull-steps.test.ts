import { describe, expect, it } from 'vitest';
import { afterPage, enterStep, pullSteps, stepIndex, type PullCheckpoint } from '../../src/domain/pull-steps';
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

  it('keeps the cursor when resuming inside the same step, and drops it when the step changes', () => {
    expect(enterStep(at('metrics', 'adset'), { phase: 'metrics', level: 'adset' }).cursor).toBe('c');
    expect(enterStep(at('entities', 'adset'), { phase: 'metrics', level: 'campaign' })).toMatchObject({
      phase: 'metrics',
      level: 'campaign',
      cursor: null,
      page: 3,
    });
  });

  it('counts a stored page and stays in the step while the platform has more pages', () => {
    const counts = { inserted: 2, updated: 1, unchanged: 4 };
    const { checkpoint, stepDone } = afterPage(at('metrics', 'campaign'), { next: 'd', rows: 7, counts }, steps[3]);
    expect(stepDone).toBe(false);
    expect(checkpoint).toMatchObject({ phase: 'metrics', level: 'campaign', cursor: 'd', page: 4, rows: 7, counts });
  });

  it('hands a finished step over to the next one before the heartbeat, so a retry never repeats it', () => {
    const { checkpoint, stepDone } = afterPage(at('entities', 'campaign'), { next: null, entities: 5 }, steps[1]);
    expect(stepDone).toBe(true);
    expect(checkpoint).toMatchObject({ phase: 'entities', level: 'adset', cursor: null, page: 4, entities: 5 });
  });

  it('leaves the last step where it ended', () => {
    const { checkpoint } = afterPage(at('metrics', 'adset'), { next: null, rows: 1 }, undefined);
    expect(checkpoint).toMatchObject({ phase: 'metrics', level: 'adset', cursor: null, rows: 1 });
  });
});
