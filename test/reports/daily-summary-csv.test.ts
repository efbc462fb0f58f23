import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/domain/metrics';
import { csvLine, dailySummaryCsv } from '../../src/reports/daily-summary-csv';

const row = (over: Partial<MetricRow>): MetricRow => ({
  platform: 'naver',
  accountId: '7654321',
  advertiserId: 'dalbit-foods',
  level: 'campaign',
  entityId: 'cmp-a',
  entityName: 'Brand',
  date: '2026-11-20',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  impressions: 1000,
  clicks: 10,
  spendMicros: 20_000_000_000n,
  conversions: 2,
  conversionValueMicros: 100_000_000_000n,
  mature: true,
  ...over,
});

describe('daily summary CSV', () => {
  it('quotes CSV fields that need it', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', null, 3, true])).toBe('a,"b,c","say ""hi""",,3,true');
  });

  it('lists each campaign before its ad sets and totals campaigns only, per account and per currency', () => {
    const csv = dailySummaryCsv('2026-11-20', 'dalbit-foods', [
      row({ level: 'adset', entityId: 'grp-a1', entityName: 'Set, one', campaignId: 'cmp-a', spendMicros: 5_000_000_000n }),
      row({}),
      row({
        platform: 'meta',
        accountId: 'act_1',
        entityId: '120',
        entityName: 'Meta',
        currency: 'USD',
        timeZone: 'America/Los_Angeles',
        impressions: 500,
        clicks: 4,
        spendMicros: 12_345_000n,
        conversions: 1,
        conversionValueMicros: 30_000_000n,
        mature: false,
      }),
    ]);
    const lines = csv.text.trimEnd().split('\n');
    expect(lines.slice(1)).toEqual([
      '2026-11-20,dalbit-foods,meta,act_1,USD,America/Los_Angeles,campaign,,120,Meta,500,4,12.35,1,30.00,0.80,3.09,12.35,2.43,false',
      '2026-11-20,dalbit-foods,naver,7654321,KRW,Asia/Seoul,campaign,,cmp-a,Brand,1000,10,20000,2,100000,1.00,2000,10000,5.00,true',
      '2026-11-20,dalbit-foods,naver,7654321,KRW,Asia/Seoul,adset,cmp-a,grp-a1,"Set, one",1000,10,5000,2,100000,1.00,500,2500,20.00,true',
      '2026-11-20,dalbit-foods,meta,act_1,USD,America/Los_Angeles,account_total,,act_1,,500,4,12.35,1,30.00,0.80,3.09,12.35,2.43,false',
      '2026-11-20,dalbit-foods,naver,7654321,KRW,Asia/Seoul,account_total,,7654321,,1000,10,20000,2,100000,1.00,2000,10000,5.00,true',
      '2026-11-20,dalbit-foods,all,all,KRW,,currency_total,,KRW,,1000,10,20000,2,100000,1.00,2000,10000,5.00,true',
      '2026-11-20,dalbit-foods,all,all,USD,,currency_total,,USD,,500,4,12.35,1,30.00,0.80,3.09,12.35,2.43,false',
    ]);
    expect(lines[0]).toMatch(/^date,advertiser,platform,account_id,currency,time_zone,level,campaign_id,entity_id/);
    expect(csv).toMatchObject({ rows: 3, currencies: ['KRW', 'USD'] });
  });
});
