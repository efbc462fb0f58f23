import { describe, expect, it } from 'vitest';
import { renderReport, reportFileName } from '../../src/reports/render';
import { REPORT } from './fixture';

describe('renderReport', () => {
  it('renders each requested format, in order, named <advertiser>-<period>-<from>_<to>.<ext>', async () => {
    const files = await renderReport(REPORT, ['csv', 'xlsx', 'html', 'pdf'], 'ko-KR');
    expect(files.map((f) => [f.format, f.fileName])).toEqual([
      ['csv', 'dalbit-foods-weekly-2026-11-23_2026-11-29.csv'],
      ['xlsx', 'dalbit-foods-weekly-2026-11-23_2026-11-29.xlsx'],
      ['html', 'dalbit-foods-weekly-2026-11-23_2026-11-29.html'],
      ['pdf', 'dalbit-foods-weekly-2026-11-23_2026-11-29.pdf'],
    ]);
    const [csv, xlsx, html, pdf] = files.map((f) => f.content);
    expect(csv?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(xlsx?.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container
    expect(html?.toString('utf8')).toContain('<html lang="ko">');
    expect(pdf?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('keeps file names safe whatever the advertiser id holds', () => {
    expect(reportFileName({ ...REPORT, advertiserId: '../a b/c' }, 'csv')).toBe(
      '.._a_b_c-weekly-2026-11-23_2026-11-29.csv',
    );
  });
});
