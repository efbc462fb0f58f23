import { describe, expect, it } from 'vitest';
import { plansMarkdown } from '../../../src/domain/rebalance/plan-markdown';
import { plan } from './trust-fixture';

describe("a plan's current details in the Web UI", () => {
  it('say where a tracker plan took its outcome, and say nothing extra for a media plan', () => {
    const media = plan('p-media', 'approve', ['c1'], 'awaiting_approval');
    const tracker = {
      ...plan('p-tracker', 'approve', ['c1'], 'awaiting_approval'),
      outcomeSource: { source: 'tracker' as const, conversions: 'installs' as const, apps: ['hanbit-beauty-aos'] },
    };
    expect(plansMarkdown([media])).not.toContain('Outcome from');
    expect(plansMarkdown([tracker])).toContain(
      "Outcome from the tracker (hanbit-beauty-aos): installs as conversions and its revenue, with the media's spend, per campaign-day",
    );
  });
});
