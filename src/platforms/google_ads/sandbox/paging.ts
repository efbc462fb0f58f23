import { hashSeed } from '../../../sandbox/rng';

/**
 * search pages (docs: developers.google.com/google-ads/api/docs/reporting/paging): a fixed page size, an opaque
 * nextPageToken, tokens that expire after about two hours of non-use, and a token is only valid for the identical
 * query. The real API caches the whole result set at the first page; the sandbox gets the same consistency by
 * putting the first page's instant in the token and computing every later page as of that instant.
 */

/** Real default: 10,000 rows; world.google_ads.options.pageSize shrinks it for tests. */
export const DEFAULT_PAGE_SIZE = 10_000;
/** "about two hours" (docs reporting/paging); the exact TTL is not published (unverified). */
export const PAGE_TOKEN_TTL_MS = 2 * 3_600_000;

interface TokenState {
  offset: number;
  /** Sandbox time of the first page: every page is computed as of this instant. */
  snapshotAt: number;
}

const queryKey = (customerId: string, query: string) => hashSeed(customerId, query).toString(36);

export function issuePageToken(customerId: string, query: string, state: TokenState, issuedAt: number): string {
  const text = [queryKey(customerId, query), state.offset, state.snapshotAt, issuedAt].join(':');
  return Buffer.from(text).toString('base64url');
}

export type TokenCheck =
  { ok: true; state: TokenState } | { ok: false; code: 'INVALID_PAGE_TOKEN' | 'EXPIRED_PAGE_TOKEN' };

export function readPageToken(token: string, customerId: string, query: string, now: number): TokenCheck {
  const parts = Buffer.from(token, 'base64url').toString().split(':');
  const [key, offset, snapshotAt, issuedAt] = [parts[0], ...parts.slice(1).map(Number)];
  if (parts.length !== 4 || ![offset, snapshotAt, issuedAt].every((n) => Number.isSafeInteger(n))) {
    return { ok: false, code: 'INVALID_PAGE_TOKEN' };
  }
  // A token sent with a different query is refused (docs reporting/paging).
  if (key !== queryKey(customerId, query)) return { ok: false, code: 'INVALID_PAGE_TOKEN' };
  if (now - (issuedAt as number) > PAGE_TOKEN_TTL_MS) return { ok: false, code: 'EXPIRED_PAGE_TOKEN' };
  return { ok: true, state: { offset: offset as number, snapshotAt: snapshotAt as number } };
}

export function pageSizeOption(options: Record<string, unknown> | undefined): number {
  const size = options?.pageSize;
  return typeof size === 'number' && Number.isInteger(size) && size > 0 ? size : DEFAULT_PAGE_SIZE;
}
