import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { moneyCellValue } from '../../src/reports/xlsx-cells';
import { renderXlsx } from '../../src/reports/xlsx';
import { REPORT, TRACKER_REPORT } from './fixture';

async function load(locale: 'en-US' | 'ko-KR', model = REPORT): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs's declared Buffer type is its own; a Node Buffer is what it reads.
  await wb.xlsx.load((await renderXlsx(model, locale)) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('XLSX report', () => {
  it('has the five sheets, named in the report language', async () => {
    expect((await load('en-US')).worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Campaigns',
      'Daily',
      'Actions taken',
      'Data freshness',
    ]);
    expect((await load('ko-KR')).worksheets.map((w) => w.name)).toEqual([
      '요약',
      '캠페인',
      '일별',
      '조치 내역',
      '데이터 최신성',
    ]);
  });

  it('summarises KPIs per currency with previous value, change and per-currency number formats', async () => {
    const ws = sheet(await load('en-US'), 'Summary');
    const header = ws.getRow(6).values as unknown[];
    expect(header.slice(1)).toEqual(['Currency', 'Metric', 'Value', 'Previous', 'Change']);
    const krwSpend = ws.getRow(7);
    expect([krwSpend.getCell(1).value, krwSpend.getCell(2).value]).toEqual(['KRW', 'Spend']);
    expect(krwSpend.getCell(3).value).toBe(1_234_000);
    expect(krwSpend.getCell(3).numFmt).toBe('"₩"#,##0;-"₩"#,##0');
    expect(krwSpend.getCell(4).value).toBe(1_100_000);
    expect(krwSpend.getCell(5).numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(krwSpend.getCell(5).value).toBeCloseTo(0.1218, 4);
    const usdSpend = ws.getRow(7 + 11); // 11 KPI rows per currency
    expect([usdSpend.getCell(1).value, usdSpend.getCell(3).value]).toEqual(['USD', 1234.56]);
    expect(usdSpend.getCell(3).numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    const usdCtr = ws.getRow(7 + 11 + 3);
    expect(usdCtr.getCell(2).value).toBe('CTR');
    expect(usdCtr.getCell(3).numFmt).toBe('0.00%');
    expect(usdCtr.getCell(3).value).toBeCloseTo(789 / 39_000, 12);
    // Pacing block under the KPI table (KRW only: the USD section has no monthly budget).
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1, 4)));
    expect(values).toContainEqual(['KRW', 'Monthly budget', 5_000_000]);
    expect(values).toContainEqual(['KRW', 'Required per day', 350_000]);
    expect(values.filter((v) => v[1] === 'Monthly budget')).toHaveLength(1);
  });

  it('freezes the header rows and puts an autofilter on each table', async () => {
    const wb = await load('en-US');
    const expected: Record<string, [number, string]> = {
      Summary: [6, 'A6:E28'],
      Campaigns: [1, 'A1:R7'],
      Daily: [1, 'A1:M15'],
      'Actions taken': [1, 'A1:M2'],
      'Data freshness': [1, 'A1:H4'],
    };
    for (const ws of wb.worksheets) {
      const [ySplit, filter] = expected[ws.name] as [number, string];
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit });
      expect(ws.autoFilter, ws.name).toBe(filter);
      // Fitted widths: no column left at Excel's narrow default where a name or amount would be cut off.
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThanOrEqual(8);
    }
    expect(sheet(wb, 'Campaigns').getColumn(7).width).toBeGreaterThanOrEqual(20);
  });

  it('lists campaigns with their ad sets indented under them, money exact to the micro', async () => {
    const ws = sheet(await load('ko-KR'), '캠페인');
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1, 8);
    expect(row(2)).toEqual(['KRW', '캠페인', '네이버', '7654321', 'cmp-brand', '', '브랜드 검색_겨울 시즌']);
    expect(row(3)).toEqual(['KRW', '광고그룹', '네이버', '7654321', 'cmp-brand', 'grp-core', '핵심 키워드']);
    expect(row(4)[5]).toBe('grp-long');
    expect(ws.getRow(3).getCell(7).alignment).toMatchObject({ indent: 2 });
    expect(ws.getRow(3).outlineLevel).toBe(1);
    expect(ws.getRow(2).getCell(8).value).toBe(734_000); // spend, KRW
    const usd = ws.getRow(6);
    expect(usd.getCell(1).value).toBe('USD');
    expect(usd.getCell(7).value).toBe('<script>alert("x")</script> US & "Global"');
    expect(usd.getCell(8).value).toBe(1234.56);
    expect(usd.getCell(8).numFmt).toBe('"US$"#,##0.00;-"US$"#,##0.00'); // ko-KR writes the dollar as US$
    expect(usd.getCell(12).value).toBe(1.564714); // CPC keeps its sub-cent micros; the format shows cents
  });

  it('writes daily dates as Excel dates, actions and freshness in the report time zone', async () => {
    const wb = await load('en-US');
    const daily = sheet(wb, 'Daily');
    expect(daily.getRow(2).getCell(2).value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(daily.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(daily.getRow(9).getCell(3).value).toBe(150.25);
    const actions = sheet(wb, 'Actions taken');
    expect(actions.getRow(1).getCell(1).value).toBe('When (Asia/Seoul)');
    expect(actions.getRow(2).getCell(1).value).toEqual(new Date('2026-11-27T14:30:00Z')); // 05:30Z is 14:30 in Seoul
    expect((actions.getRow(2).values as unknown[]).slice(7, 10)).toEqual([100_000, 120_000, 20_000]);
    const freshness = sheet(wb, 'Data freshness');
    expect(freshness.getRow(2).getCell(7).value).toBe('2026-11-28, 2026-11-29');
    expect(freshness.getRow(2).getCell(8).value).toBe('may still change');
    expect(freshness.getRow(4).getCell(8).value).toBe('Never pulled');
  });

  it('writes a money cell as a number only when Excel holds the amount exactly, else as exact text', () => {
    expect(moneyCellValue(1_234_560_000n, 'USD')).toBe(1234.56);
    expect(moneyCellValue(999_999_999_999_999_000_000n, 'KRW')).toBe(999_999_999_999_999); // 15 digits
    expect(moneyCellValue(1_000_000_000_000_000_000_000n, 'KRW')).toBe('1000000000000000'); // 16 digits
    expect(moneyCellValue(12_345_678_901_234_567_891n, 'USD')).toBe('12345678901234.567891');
    expect(moneyCellValue(-1_500_000n, 'USD')).toBe(-1.5);
  });
});

describe('XLSX report with tracker figures', () => {
  const values = (row: ExcelJS.Row, from: number, to: number) => (row.values as unknown[]).slice(from, to + 1);

  it('adds a Tracker sheet, named in the report language', async () => {
    expect((await load('en-US', TRACKER_REPORT)).worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Campaigns',
      'Daily',
      'Actions taken',
      'Data freshness',
      'Tracker',
    ]);
    expect((await load('ko-KR', TRACKER_REPORT)).worksheets.at(-1)?.name).toBe('트래커');
  });

  it('Campaigns: tracker columns after the media KPIs, on campaign rows only, in the tracker currency', async () => {
    const ws = sheet(await load('en-US', TRACKER_REPORT), 'Campaigns');
    // 7 fixed + 11 KPI columns, then the tracker's from column 19 (S) to 26 (Z).
    expect(values(ws.getRow(1), 17, 26)).toEqual([
      'Revenue',
      'ROAS',
      'Installs',
      'Re-engagements',
      'In-app events',
      'Tracker revenue',
      'Tracker currency',
      'Tracker ROAS',
      'Tracker cost',
      'Tracker note',
    ]);
    expect(ws.autoFilter).toBe('A1:Z8');
    // Row 2: the Naver campaign, no tracker figures; rows 3-4 its ad sets.
    expect(values(ws.getRow(2), 19, 26)).toEqual([]);
    expect(values(ws.getRow(3), 19, 26)).toEqual([]);
    // Row 5: Meta KRW with its KRW tracker figures.
    const meta = ws.getRow(5);
    expect(values(meta, 2, 7)).toEqual(['Campaign', 'Meta', 'act_1001', '120210000000001', '', 'Winter Sale – Retargeting']);
    expect(values(meta, 19, 26)).toEqual([1_234, 56, 7_890, 1_500_000, 'KRW', 3, 480_000, '2 day(s) may still change']);
    expect(meta.getCell(19).numFmt).toBe('#,##0');
    expect(meta.getCell(22).numFmt).toBe('"₩"#,##0;-"₩"#,##0');
    expect(meta.getCell(24).numFmt).toBe('0.00%');
    expect(meta.getCell(25).numFmt).toBe('"₩"#,##0;-"₩"#,##0');
    // Row 6: its USD tracker figures, a row of their own with no media figures: never added into the won.
    const extra = ws.getRow(6);
    expect(values(extra, 1, 7)).toEqual(['KRW', 'Tracker', 'Meta', 'act_1001', '120210000000001', '', 'Winter Sale – Retargeting']);
    expect(values(extra, 8, 18).every((v) => v === undefined || v === null)).toBe(true);
    expect(values(extra, 19, 26)).toEqual([
      10,
      0,
      25,
      123.45,
      'USD',
      'n/a',
      undefined, // the tracker reported no cost: empty, not 0
      'ROAS n/a: tracker revenue in USD, media spend in KRW (not converted)',
    ]);
    expect(extra.getCell(22).numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(extra.outlineLevel).toBe(1);
    // Row 7: the USD campaign; row 8 its ad set, no tracker cells.
    const usd = ws.getRow(7);
    expect(values(usd, 19, 23)).toEqual([321, 4, 100, 2_345.67, 'USD']);
    expect(usd.getCell(24).value).toBeCloseTo(2_345.67 / 1_234.56, 12);
    expect(usd.getCell(25).value).toBe(1_000);
    expect(values(ws.getRow(8), 19, 26)).toEqual([]);
  });

  it('Summary: a tracker block per media and tracker currency', async () => {
    const ws = sheet(await load('en-US', TRACKER_REPORT), 'Summary');
    const rows: unknown[][] = [];
    const formats = new Map<string, string>();
    ws.eachRow((row) => {
      rows.push(values(row, 1, 5));
      formats.set(values(row, 1, 3).join('|'), row.getCell(4).numFmt);
    });
    const start = rows.findIndex((r) => r[2] === 'Tracker figures');
    expect(rows[start]).toEqual(['Currency', 'Tracker currency', 'Tracker figures', 'Value', 'Tracker note']);
    expect(rows.slice(start + 1, start + 13)).toEqual([
      ['KRW', 'KRW', 'Installs', 1_234],
      ['KRW', 'KRW', 'Re-engagements', 56],
      ['KRW', 'KRW', 'In-app events', 7_890],
      ['KRW', 'KRW', 'Tracker revenue', 1_500_000],
      ['KRW', 'KRW', 'Tracker cost', 480_000],
      ['KRW', 'KRW', 'Campaigns with tracker figures', 1],
      ['KRW', 'KRW', 'Media spend (same campaigns)', 500_000],
      ['KRW', 'KRW', 'Media conversions (same campaigns)', 40],
      ['KRW', 'KRW', 'Media revenue (same campaigns)', 1_300_000],
      ['KRW', 'KRW', 'Tracker ROAS', 3],
      ['KRW', 'KRW', 'Tracker − media revenue', 200_000], // 1,500,000 − 1,300,000
      ['KRW', 'USD', 'Installs', 10],
    ]);
    expect(formats.get('KRW|KRW|Tracker ROAS')).toBe('0.00%');
    expect(formats.get('KRW|USD|Tracker revenue')).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(rows).toContainEqual(['KRW', 'USD', 'Tracker revenue', 123.45]);
    expect(rows).toContainEqual([
      'KRW',
      'USD',
      'Tracker ROAS',
      'n/a',
      'ROAS n/a: tracker revenue in USD, media spend in KRW (not converted)',
    ]);
    expect(rows).toContainEqual(['USD', 'USD', 'Tracker − media revenue', -1_460.08]); // 2,345.67 − 3,805.75
    expect(rows.filter((r) => r[2] === 'Tracker cost')).toHaveLength(2); // KRW and USD; the USD app on KRW has none
    // The KPI table's filter is unchanged by the blocks below it.
    expect(ws.autoFilter).toBe('A6:E28');
  });

  it('Tracker sheet: apps with the days that may still change, then the unmatched tracker campaigns', async () => {
    const ws = sheet(await load('en-US', TRACKER_REPORT), 'Tracker');
    expect(values(ws.getRow(1), 1, 9)).toEqual([
      'App',
      'Name',
      'Tracker',
      'Time zone',
      'Tracker currency',
      'Restatement window (days)',
      'Unsettled day count',
      'Unsettled days',
      'Status',
    ]);
    expect(values(ws.getRow(2), 1, 9)).toEqual([
      'dalbit-eats',
      'Dalbit Eats',
      'Adjust',
      'Asia/Seoul',
      'KRW',
      7,
      2,
      '2026-11-28, 2026-11-29',
      'may still change',
    ]);
    expect(values(ws.getRow(3), 7, 9)).toEqual([0, '', 'Settled']);
    expect(ws.getRow(5).getCell(1).value).toBe('Tracker campaigns not matched to a media campaign');
    expect(values(ws.getRow(7), 1, 9)).toEqual([
      'dalbit-eats',
      'Facebook',
      'DE_<b>Test</b>',
      '',
      'no media campaign fits',
      2,
      9,
      45_000,
      'KRW',
    ]);
    expect(ws.getRow(7).getCell(8).numFmt).toBe('"₩"#,##0;-"₩"#,##0');
    expect(ws.autoFilter).toBe('A1:I3');
  });
});
