import type { ServerResponse } from 'node:http';
import { NAVER_CODES, NAVER_MAX_RECORD_SIZE } from './api-facts';
import { sendNaverError } from './errors';

/**
 * `recordSize` + `baseSearchId` + `selector=NEXT|PREVIOUS`, the paging of GET /ncc/campaigns and
 * GET /ncc/adgroups?nccCampaignId= (ncc-heroes-ncc.json; reference §3.2). Items must be in id order. The semantics
 * (records strictly after / before baseSearchId, in id order) are unverified. Answers a bad parameter itself and
 * returns undefined then.
 */
export function pageById<T extends { id: string }>(
  res: ServerResponse,
  params: URLSearchParams,
  items: T[],
): T[] | undefined {
  const base = params.get('baseSearchId');
  const selector = params.get('selector') ?? 'NEXT';
  if (selector !== 'NEXT' && selector !== 'PREVIOUS') {
    sendNaverError(res, 400, NAVER_CODES.invalidRequest, `selector must be NEXT or PREVIOUS, got ${selector}`);
    return undefined;
  }
  const recordSizeText = params.get('recordSize');
  const recordSize = recordSizeText === null ? undefined : Number(recordSizeText);
  if (
    recordSize !== undefined &&
    (!Number.isInteger(recordSize) || recordSize < 1 || recordSize > NAVER_MAX_RECORD_SIZE)
  ) {
    sendNaverError(res, 400, NAVER_CODES.invalidRecordSize, 'Invalid record size');
    return undefined;
  }
  let page = items;
  if (base) page = selector === 'NEXT' ? page.filter((c) => c.id > base) : page.filter((c) => c.id < base);
  if (recordSize !== undefined) page = selector === 'NEXT' ? page.slice(0, recordSize) : page.slice(-recordSize);
  return page;
}
