import { describe, expect, it } from 'vitest';
import { decodeEntries, digestsOf, encodeEntries, type DigestEntry } from '../../src/domain/metrics-digest';

const day = { platform: 'meta' as const, accountId: 'act_1', date: '2026-10-31' };

/** Rows as the database gives them back: int64 as bigint, small integers as numbers, optional fields absent or null. */
const rows = [
  {
    _id: 'meta|act_1|campaign|C1|2026-10-31',
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'acme',
    date: '2026-10-31',
    level: 'campaign',
    entityId: 'C1',
    entityName: 'Brand',
    campaignId: null,
    currency: 'KRW',
    spendMicros: 50_000_000_000n,
    impressions: 5_000,
    clicks: 40,
    conversions: 2,
    conversionValueMicros: 100_000_000_000n,
    mature: true,
  },
  {
    _id: 'meta|act_1|adset|A1|2026-10-31',
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'acme',
    date: '2026-10-31',
    level: 'adset',
    entityId: 'A1',
    entityName: 'Brand – Women',
    campaignId: 'C1',
    currency: 'KRW',
    spendMicros: 30_000_000, // a number: stored as int32 by whoever wrote it
    impressions: 3_000,
    clicks: 30,
    conversions: 1.5,
    conversionValueMicros: 9_007_199_254_740_993n, // above 2^53: only exact as a bigint
    mature: false,
  },
  {
    _id: 'meta|act_1|campaign|C9|2026-10-31',
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'other',
    date: '2026-10-31',
    level: 'campaign',
    entityId: 'C9',
    currency: 'KRW',
    spendMicros: 1n,
    impressions: 1,
    clicks: 0,
    conversions: 0,
    conversionValueMicros: 0n,
    mature: false,
  },
];

describe('account-day digests', () => {
  it('one digest per advertiser, every figure copied from its row', () => {
    expect(digestsOf(day, rows)).toEqual([
      {
        ...day,
        advertiserId: 'acme',
        rows: 2,
        unsettledRows: 1, // A1 is mature: false
        entries: [
          {
            level: 'campaign',
            entityId: 'C1',
            entityName: 'Brand',
            currency: 'KRW',
            spendMicros: 50_000_000_000n,
            impressions: 5_000,
            clicks: 40,
            conversions: 2,
            conversionValueMicros: 100_000_000_000n,
          },
          {
            level: 'adset',
            entityId: 'A1',
            entityName: 'Brand – Women',
            campaignId: 'C1',
            currency: 'KRW',
            spendMicros: 30_000_000n,
            impressions: 3_000,
            clicks: 30,
            conversions: 1.5,
            conversionValueMicros: 9_007_199_254_740_993n,
          },
        ],
      },
      {
        ...day,
        advertiserId: 'other',
        rows: 1,
        unsettledRows: 1,
        entries: [
          {
            level: 'campaign',
            entityId: 'C9',
            currency: 'KRW',
            spendMicros: 1n,
            impressions: 1,
            clicks: 0,
            conversions: 0,
            conversionValueMicros: 0n,
          },
        ],
      },
    ]);
  });

  it('refuses a row of another day and money that is not whole micros', () => {
    expect(() => digestsOf(day, [{ ...rows[0], date: '2026-11-01' }])).toThrow(/belongs elsewhere/);
    expect(() => digestsOf(day, [{ ...rows[0], spendMicros: 1.5 }])).toThrow(/spendMicros is 1.5, not whole micros/);
  });

  it('entries survive the JSON string exactly: micros above 2^53, fractional conversions, absent names', () => {
    const entries: DigestEntry[] = [
      ...(digestsOf(day, rows)[0]?.entries ?? []),
      {
        level: 'campaign',
        entityId: 'G1',
        currency: 'USD',
        spendMicros: 123_456_789_012_345_678n,
        impressions: 0,
        clicks: 0,
        conversions: 0.1 + 0.2, // 0.30000000000000004: the double itself, not a rounding of it
        conversionValueMicros: 0n,
      },
    ];
    const text = encodeEntries(entries);
    expect(text).toContain('"123456789012345678"');
    const back = decodeEntries(text, 'test');
    expect(back).toEqual(entries);
    expect(back[2]?.conversions).toBe(0.30000000000000004);
    expect('entityName' in (back[2] as object)).toBe(false);
  });

  it('names a malformed digest', () => {
    expect(() => decodeEntries('{}', 'meta|act_1|2026-10-31|acme')).toThrow('meta|act_1|2026-10-31|acme');
    expect(() => decodeEntries('[[1,2]]', 'x')).toThrow('x: entry 0 is malformed');
  });
});
