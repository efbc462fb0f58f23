import type { ServerResponse } from 'node:http';
import { sendMetaError } from './errors';

/** Opaque cursors like Meta's ("MAZDZD"): base64 of the row offset. */
const encodeCursor = (offset: number) => Buffer.from(`sbx:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const match = Buffer.from(cursor, 'base64url')
    .toString()
    .match(/^sbx:(\d+)$/);
  return match ? Number(match[1]) : null;
}

/** Graph cursor paging (docs graph-api/results): `limit`, `after`, and a `next` URL while rows remain. */
export function page<T>(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  items: T[],
  respond: (p: Record<string, unknown>) => void,
  defaultLimit: number,
) {
  const limit = params.limit === undefined ? defaultLimit : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
    return sendMetaError(res, 400, {
      message: '(#100) Param limit must be an integer between 1 and 5000',
      type: 'OAuthException',
      code: 100,
    });
  }
  const offset = params.after ? decodeCursor(params.after) : 0;
  if (offset === null) {
    return sendMetaError(res, 400, { message: '(#100) Invalid cursor', type: 'OAuthException', code: 100 });
  }
  const slice = items.slice(offset, offset + limit);
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(offset), after: encodeCursor(offset + slice.length) },
  };
  if (offset + slice.length < items.length) {
    // Like the real API, `next` repeats every parameter, the access token included (even when it came in a header).
    const next = new URL(url.toString());
    next.searchParams.set('access_token', token);
    next.searchParams.set('after', encodeCursor(offset + slice.length));
    paging.next = next.toString();
  }
  respond({ data: slice, paging });
}
