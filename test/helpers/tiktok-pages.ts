import { matureBefore, parseContext } from './parse-context';

/** The advertiser the TikTok parse tests read for (KRW, Seoul); days before 2025-05-30 are past restatement. */
export const tiktokParseContext = parseContext('7000000000000000001', {
  advertiserId: 'dalbit-foods',
  isMature: matureBefore('2025-05-30'),
});

/** A report/integrated/get answer around these rows (reference §5.2): code 0, OK, a request id, page_info. */
export function tiktokReportPage<R>(
  list: R[],
  pageInfo: { page: number; page_size: number; total_number: number; total_page: number },
) {
  return {
    code: 0,
    message: 'OK',
    request_id: '202506020312345678901234567890AB',
    data: { list, page_info: pageInfo },
  };
}

/** `page` with its data.list replaced by `list`. */
export function withList<P extends { data: object }>(page: P, list: unknown[]) {
  return { ...page, data: { ...page.data, list } };
}

/** For malformed-row tables: `page` around `row` patched (withRow), or around `row` with its metrics patched. */
export function rowPatchers<P extends { data: object }>(page: P, row: { metrics: object }) {
  const withRow = (patch: Record<string, unknown>) => withList(page, [{ ...row, ...patch }]);
  const withMetrics = (patch: Record<string, unknown>) => withRow({ metrics: { ...row.metrics, ...patch } });
  return { withRow, withMetrics };
}
