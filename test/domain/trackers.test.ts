import { describe, expect, it } from 'vitest';
import {
  isTrackerDayMature,
  mergeTrackerRows,
  sameTrackerValues,
  trackerDailyId,
  trackerTaskQueue,
  type TrackerDailyRow,
} from '../../src/domain/trackers';

const row = (overrides: Partial<TrackerDailyRow> = {}): TrackerDailyRow => ({
  tracker: 'appsflyer',
  app: 'beauty-aos',
  appId: 'com.example.beauty',
  advertiserId: 'hanbit',
  mediaSource: 'Facebook Ads',
  campaignId: null,
  campaignName: 'KR_AlwaysOn_01',
  date: '2026-11-01',
  dateBasis: 'install',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  installs: 10,
  reEngagements: 0,
  events: 3,
  eventCounts: [{ name: 'af_purchase', count: 3 }],
  revenueMicros: 30_000_000_000n,
  costMicros: null,
  mature: false,
  ...overrides,
});

describe('tracker_daily', () => {
  it('keys a row by tracker, app, media source, campaign id (else name) and date', () => {
    expect(trackerDailyId(row())).toBe('appsflyer|beauty-aos|Facebook Ads|name:KR_AlwaysOn_01|2026-11-01');
    expect(trackerDailyId(row({ tracker: 'adjust', campaignId: '120', campaignName: 'renamed' }))).toBe(
      'adjust|beauty-aos|Facebook Ads|id:120|2026-11-01',
    );
    // A campaign named like an id never collides with the id itself.
    expect(trackerDailyId(row({ campaignName: '120' }))).not.toBe(trackerDailyId(row({ campaignId: '120' })));
  });

  it('merges lines of one key: counts and money add, events add per name, cost stays null only if never reported', () => {
    const merged = mergeTrackerRows([
      row(),
      row({
        installs: 0,
        reEngagements: 4,
        events: 7,
        eventCounts: [
          { name: 'af_login', count: 5 },
          { name: 'af_purchase', count: 2 },
        ],
        revenueMicros: 1_500_000n,
        costMicros: 700_000_000n,
      }),
      row({ date: '2026-11-02' }),
    ]);
    expect(merged).toEqual([
      row({
        installs: 10,
        reEngagements: 4,
        events: 10,
        eventCounts: [
          { name: 'af_login', count: 5 },
          { name: 'af_purchase', count: 5 },
        ],
        revenueMicros: 30_001_500_000n,
        costMicros: 700_000_000n,
      }),
      row({ date: '2026-11-02' }),
    ]);
  });

  it('tells an unchanged row from a changed one, event counts included', () => {
    expect(sameTrackerValues(row(), row())).toBe(true);
    expect(sameTrackerValues(row(), row({ revenueMicros: 30_000_000_001n }))).toBe(false);
    expect(sameTrackerValues(row(), row({ eventCounts: [{ name: 'af_purchase', count: 4 }] }))).toBe(false);
    expect(sameTrackerValues(row(), row({ mature: true }))).toBe(false);
  });

  it("settles a day once the window has passed in the app's zone", () => {
    // 2026-11-30 15:30 UTC is 2026-12-01 00:30 in Seoul, still 2026-11-30 in New York.
    const now = new Date('2026-11-30T15:30:00Z');
    expect(isTrackerDayMature('2026-11-24', now, 'Asia/Seoul', 7)).toBe(true);
    expect(isTrackerDayMature('2026-11-24', now, 'America/New_York', 7)).toBe(false);
    expect(isTrackerDayMature('2026-11-23', now, 'America/New_York', 7)).toBe(true);
  });

  it('gives each tracker its own task queue beside the main one', () => {
    expect(trackerTaskQueue('adops', 'airbridge')).toBe('adops-tracker-airbridge');
  });
});
