import type { ApiFailure } from '../../connectors/errors';

/**
 * An AppsFlyer HTTP failure → how to treat it. Bodies are plain text. A spent quota is 403 "Limit reached for …"
 * (Airbyte source-appsflyer) and carries no wait (no rate-limit headers, 207034366): the caller knows which quota the
 * call was under and sets the wait. 404 names an unknown app (Airbyte's check: "The supplied APP ID is invalid").
 */
export function classifyAppsflyerError(status: number, body: string): ApiFailure {
  const text = body.trim().slice(0, 200) || `HTTP ${status}`;
  const message = `${text} (HTTP ${status})`;
  if (status === 403 && /^limit reached/i.test(body.trim())) return { kind: 'rate_limited', message };
  if (status === 429) return { kind: 'rate_limited', message };
  if (status === 401) return { kind: 'auth', message };
  if (status === 403) return { kind: 'permission', message };
  if (status === 404) return { kind: 'not_found', message };
  if (status >= 500) return { kind: 'transient', message };
  return { kind: 'bad_request', message };
}
