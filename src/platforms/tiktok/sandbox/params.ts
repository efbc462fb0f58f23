import { currencyDecimals } from '../../../domain/money';
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

/**
 * `filtering`, a JSON object of id lists (SDK FilteringCampaignGet / FilteringAdgroupGet): only the given keys are
 * served; each is a JSON array of id strings. Absent keys come back null (no narrowing).
 */
export function idFilter<K extends string>(
  params: Record<string, string>,
  keys: readonly K[],
): Checked<Record<K, string[] | null>> {
  const value = Object.fromEntries(keys.map((k) => [k, null])) as Record<K, string[] | null>;
  if (params.filtering === undefined || params.filtering === '') return { ok: true, value };
  let parsed: unknown;
  try {
    parsed = JSON.parse(params.filtering);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return bad('filtering: Not a valid JSON object.');
  }
  for (const [key, ids] of Object.entries(parsed)) {
    if (!(keys as readonly string[]).includes(key)) {
      return bad(`filtering.${key}: The sandbox filters by ${keys.join(' and ')} only.`);
    }
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return bad(`filtering.${key}: Not a valid list. Expected a JSON array of strings.`);
    }
    value[key as K] = ids;
  }
  return { ok: true, value };
}

/** A list endpoint's query (campaign/get, adgroup/get): `fields`, `filtering` by these id keys, then paging. */
export function listQuery<K extends string>(
  params: Record<string, string>,
  keys: readonly K[],
): Checked<{ fields: string[] | null; ids: Record<K, string[] | null>; page: number; pageSize: number }> {
  const fields = jsonStringArray(params, 'fields', false);
  if (!fields.ok) return fields;
  const filter = idFilter(params, keys);
  if (!filter.ok) return filter;
  const pages = paging(params);
  if (!pages.ok) return pages;
  return { ok: true, value: { fields: fields.value, ids: filter.value, ...pages.value } };
}

/** A whole amount in major units → minor units of the currency. */
export function minorOf(major: number, currency: string): bigint {
  return BigInt(Math.round(major * 10 ** currencyDecimals(currency)));
}
