import { newRequestId, sendAdsError, sendPlainError } from './errors';
import { parseGaql, type GaqlQuery } from './gaql';
import { GaqlError } from './gaql-lexer';
import { issuePageToken, pageSizeOption, readPageToken } from './paging';
import { runQuery } from './rows';
import { fieldMask } from './schema';
import type { RequestScope } from './scope';

const SEARCH_BODY_FIELDS = new Set(['query', 'pageToken', 'pageSize', 'validateOnly']);

/** Checks the body of search/searchStream; answers the error itself and returns null when it is not acceptable. */
function readQuery(scope: RequestScope, body: Record<string, unknown>, allowed: Set<string>): GaqlQuery | null {
  const unknown = Object.keys(body).find((k) => !allowed.has(k));
  if (unknown !== undefined) {
    // Google's JSON front end rejects unknown names; fields the sandbox does not implement land here too.
    sendPlainError(
      scope.res,
      'INVALID_ARGUMENT',
      `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`,
    );
    return null;
  }
  if (body.pageSize !== undefined) {
    // v17+: page size is fixed (docs reporting/paging).
    sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
      { family: 'requestError', code: 'PAGE_SIZE_NOT_SUPPORTED', message: 'Setting the page size is not supported.' },
    ]);
    return null;
  }
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
      { family: 'requestError', code: 'REQUIRED_FIELD_MISSING', message: 'The query is required.' },
    ]);
    return null;
  }
  try {
    return parseGaql(body.query);
  } catch (err) {
    if (!(err instanceof GaqlError)) throw err;
    sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
      { family: 'queryError', code: err.code, message: err.message },
    ]);
    return null;
  }
}

/** POST .../googleAds:search (docs rest/common/search): fixed-size pages chained by nextPageToken. */
export function search(scope: RequestScope, body: Record<string, unknown>): void {
  const query = readQuery(scope, body, SEARCH_BODY_FIELDS);
  if (!query) return;
  const text = body.query as string;
  const now = scope.state.now().getTime();
  let offset = 0;
  let snapshotAt = now;
  if (body.pageToken !== undefined) {
    if (body.validateOnly === true) {
      return sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
        { family: 'requestError', code: 'VALIDATE_ONLY_REQUEST_HAS_PAGE_TOKEN', message: 'page_token is set.' },
      ]);
    }
    const check = readPageToken(String(body.pageToken), scope.account.id, text, now);
    if (!check.ok) {
      const message =
        check.code === 'EXPIRED_PAGE_TOKEN' ? 'The page token has expired.' : 'The page token is not valid.';
      return sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
        { family: 'requestError', code: check.code, message },
      ]);
    }
    ({ offset, snapshotAt } = check.state);
  }
  const payload: Record<string, unknown> = {};
  if (body.validateOnly !== true) {
    const rows = runQuery(query, scope, new Date(snapshotAt));
    const pageSize = pageSizeOption(scope.index.world?.options);
    const page = rows.slice(offset, offset + pageSize);
    // Proto3 JSON omits an empty repeated field: a query without rows has no `results` at all.
    if (page.length > 0) payload.results = page;
    if (offset + pageSize < rows.length) {
      payload.nextPageToken = issuePageToken(scope.account.id, text, { offset: offset + pageSize, snapshotAt }, now);
    }
  }
  payload.fieldMask = fieldMask(query.fields);
  payload.requestId = newRequestId();
  scope.respond(payload);
}

/** POST .../googleAds:searchStream: the whole result as a JSON array of batches (reference §2.2). */
export function searchStream(scope: RequestScope, body: Record<string, unknown>): void {
  const query = readQuery(scope, body, new Set(['query']));
  if (!query) return;
  const rows = runQuery(query, scope, scope.state.now());
  const batchSize = pageSizeOption(scope.index.world?.options);
  const mask = fieldMask(query.fields);
  const requestId = newRequestId();
  const batches: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    batches.push({ results: rows.slice(i, i + batchSize), fieldMask: mask, requestId });
  }
  if (batches.length === 0) batches.push({ fieldMask: mask, requestId });
  scope.respond(batches);
}
