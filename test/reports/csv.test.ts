import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/reports/csv';
import { REPORT } from './fixture';

function rows(locale: 'en-US' | 'ko-KR'): string[][] {
  return parse(renderCsv(REPORT, locale), { bom: true, relax_column_count: false }) as string[][];
}

describe('CSV report', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads Korean', () => {
    const csv = renderCsv(REPORT, 'ko-KR');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('브랜드 검색_겨울 시즌');
  });

  it('is one flat table: each campaign, then its ad sets, per currency, every KPI column', () => {
    const [header, ...body] = rows('en-US');
    expect(header).toEqual([
      'Currency',
      'Level',
      'Platform',
      'Account ID',
      'Campaign ID',
      'Ad set ID',
      'Name',
      'Spend',
      'Impressions',
      'Clicks',
      'CTR (%)',
      'CPC',
      'CPM',
      'Conversions',
      'CVR (%)',
      'CPA',
      'Revenue',
      'ROAS (%)',
    ]);
    expect(body.map((r) => r.slice(0, 6))).toEqual([
      ['KRW', 'Campaign', 'Naver', '7654321', 'cmp-brand', ''],
      ['KRW', 'Ad set', 'Naver', '7654321', 'cmp-brand', 'grp-core'],
      ['KRW', 'Ad set', 'Naver', '7654321', 'cmp-brand', 'grp-long'],
      ['KRW', 'Campaign', 'Meta', 'act_1001', '120210000000001', ''],
      ['USD', 'Campaign', 'Meta', 'act_2002', '120210000000777', ''],
      ['USD', 'Ad set', 'Meta', 'act_2002', '120210000000777', '120210000000778'],
    ]);
    // Naver brand campaign: every figure as an exact decimal string.
    expect(body[0]?.slice(6)).toEqual([
      '브랜드 검색_겨울 시즌',
      '734000', // spend KRW, no grouping, no decimals
      '160000',
      '3500',
      '2.19', // CTR 3500 / 160000
      '209.714285', // CPC micros kept exactly
      '4587.5', // CPM: KRW has no minor digits, but the half won is kept
      '96',
      '2.74',
      '7645.833333',
      '2820000',
      '384.20',
    ]);
  });

  it('keeps cents (and sub-cent micros) for USD and quotes names with commas and quotes', () => {
    const usd = rows('en-US')[5] as string[];
    expect(usd[6]).toBe('<script>alert("x")</script> US & "Global"');
    expect(usd.slice(7, 9)).toEqual(['1234.56', '39000']);
    expect(usd[11]).toBe('1.564714');
    expect(usd[16]).toBe('3805.75');
    expect(renderCsv(REPORT, 'en-US').toString('utf8')).toContain('"<script>alert(""x"")</script> US & ""Global"""');
  });

  it('labels the columns and levels in Korean for ko-KR', () => {
    const [header, first, second] = rows('ko-KR');
    expect(header?.slice(0, 3)).toEqual(['통화', '구분', '매체']);
    expect(first?.slice(1, 3)).toEqual(['캠페인', '네이버']);
    expect(second?.[1]).toBe('광고그룹');
  });
});
