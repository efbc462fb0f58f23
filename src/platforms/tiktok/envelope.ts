import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { TIKTOK_CODES } from './codes';

export interface TiktokPage<T> {
  items: T[];
  /** `data.page_info.page` and `total_page`: the caller asks for page + 1 while page < totalPage. */
  page: number;
  totalPage: number;
}

/** `{code: 0, message, request_id, data: {...}}` (reference §5.2). Failure codes were handled by the classifier. */
export function parseData(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body.code !== TIKTOK_CODES.ok) {
    throw new ResponseFormatError(
      'code',
      `expected ${TIKTOK_CODES.ok} in a successful response, got ${JSON.stringify(body.code)}`,
    );
  }
  if (!isRecord(body.data)) throw new ResponseFormatError('data', 'expected an object');
  return body.data;
}

export function parseList(data: Record<string, unknown>): unknown[] {
  // An empty result may come without a list at all (unverified); anything else must be an array.
  if (data.list === undefined || data.list === null) return [];
  if (!Array.isArray(data.list)) throw new ResponseFormatError('data.list', 'expected an array');
  return data.list;
}

/** A paged list (report rows, campaigns, ad groups): each entry through `item`, plus the page position. */
export function parseListPage<T>(body: unknown, item: (raw: unknown, where: string) => T): TiktokPage<T> {
  const data = parseData(body);
  const list = parseList(data);
  const { page, totalPage } = parsePageInfo(data);
  return { items: list.map((raw, i) => item(raw, `data.list[${i}]`)), page, totalPage };
}

function pageNumber(value: unknown, field: string, min: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new ResponseFormatError(field, `expected an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** `page_info: {page, page_size, total_number, total_page}` (Airbyte mocks; reference §5.2). */
function parsePageInfo(data: Record<string, unknown>): { page: number; totalPage: number } {
  if (!isRecord(data.page_info)) throw new ResponseFormatError('data.page_info', 'expected an object');
  return {
    page: pageNumber(data.page_info.page, 'data.page_info.page', 1),
    totalPage: pageNumber(data.page_info.total_page, 'data.page_info.total_page', 0),
  };
}
