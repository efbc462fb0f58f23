import { TIKTOK_MAX_PAGE_SIZE } from './api-facts';

/** A parameter check result: the value, or the invalid-params message TikTok would give ("field: problem"). */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const bad = <T>(message: string): Checked<T> => ({ ok: false, message });

/** List parameters are JSON arrays in the query string: dimensions=["campaign_id","stat_time_day"] (reference §5.2). */
export function jsonStringArray(
  params: Record<string, string>,
  name: string,
  required: boolean,
): Checked<string[] | null> {
  const raw = params[name];
  if (raw === undefined || raw === '')
    return required ? bad(`${name}: Missing data for required field.`) : { ok: true, value: null };
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return { ok: true, value: parsed };
  } catch {
    // fall through
  }
  return bad(`${name}: Not a valid list. Expected a JSON array of strings.`);
}

/** page (from 1) and page_size (1..1000, default 10), as TikTok's list and report endpoints take them. */
export function paging(params: Record<string, string>): Checked<{ page: number; pageSize: number }> {
  const page = params.page === undefined ? 1 : Number(params.page);
  const pageSize = params.page_size === undefined ? 10 : Number(params.page_size);
  if (!Number.isInteger(page) || page < 1) return bad('page: Must be greater than or equal to 1.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > TIKTOK_MAX_PAGE_SIZE) {
    return bad(`page_size: Must be between 1 and ${TIKTOK_MAX_PAGE_SIZE}.`);
  }
  return { ok: true, value: { page, pageSize } };
}

/** One page of items plus TikTok's page_info {page, page_size, total_number, total_page}. */
export function pageOf<T>(items: T[], page: number, pageSize: number) {
  return {
    list: items.slice((page - 1) * pageSize, page * pageSize),
    page_info: {
      page,
      page_size: pageSize,
      total_number: items.length,
      total_page: Math.ceil(items.length / pageSize),
    },
  };
}
