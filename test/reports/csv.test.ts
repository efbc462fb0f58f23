import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/reports/csv';
import { REPORT, TRACKER_REPORT } from './fixture';

function rows(locale: 'en-US' | 'ko-KR', model = REPORT): string[][] {
  return parse(renderCsv(model, locale), { bom: true, relax_column_count: false }) as string[][];
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

describe('CSV report with tracker figures', () => {
  it('adds the tracker columns: on campaign rows, in the tracker currency, exact; ad sets empty', () => {
    const [header, ...body] = rows('en-US', TRACKER_REPORT);
    expect(header?.slice(17)).toEqual([
      'ROAS (%)',
      'Installs',
      'Re-engagements',
      'In-app events',
      'Tracker revenue',
      'Tracker currency',
      'Tracker ROAS (%)',
      'Tracker cost',
      'Tracker note',
    ]);
    expect(body.map((r) => [r[0], r[1], r[4], ...r.slice(18)])).toEqual([
      // Naver brand: no tracker figures; its two ad sets never have any
      ['KRW', 'Campaign', 'cmp-brand', '', '', '', '', '', '', '', ''],
      ['KRW', 'Ad set', 'cmp-brand', '', '', '', '', '', '', '', ''],
      ['KRW', 'Ad set', 'cmp-brand', '', '', '', '', '', '', '', ''],
      [
        'KRW',
        'Campaign',
        '120210000000001',
        '1234',
        '56',
        '7890',
        '1500000', // won: no minor digits
        'KRW',
        '300.00', // 1,500,000 / 500,000
        '480000',
        '2 day(s) may still change',
      ],
      // The USD app's figures on the KRW campaign: a row of their own, media cells empty
      [
        'KRW',
        'Tracker',
        '120210000000001',
        '10',
        '0',
        '25',
        '123.45',
        'USD',
        'n/a',
        '', // no cost reported
        'ROAS n/a: tracker revenue in USD, media spend in KRW (not converted)',
      ],
      ['USD', 'Campaign', '120210000000777', '321', '4', '100', '2345.67', 'USD', '190.00', '1000.00', ''], // 2,345.67 / 1,234.56 = 1.9000049
      ['USD', 'Ad set', '120210000000777', '', '', '', '', '', '', '', ''],
    ]);
    expect(body[4]?.slice(7, 18).every((cell) => cell === '')).toBe(true);
  });

  it('labels the tracker columns in Korean for ko-KR', () => {
    const [header, , , , , extra] = rows('ko-KR', TRACKER_REPORT);
    expect(header?.slice(18)).toEqual([
      '설치수',
      '리인게이지먼트',
      '인앱 이벤트',
      '트래커 매출',
      '트래커 통화',
      '트래커 ROAS (%)',
      '트래커 비용',
      '트래커 비고',
    ]);
    expect(extra?.[1]).toBe('트래커');
    expect(extra?.[23]).toBe('산출 불가');
  });
});
