import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import type { SandboxGrant } from '../../../sandbox/world';
import { sendAuthProblem } from './errors';

/**
 * How far X-Timestamp may be from Naver's clock. Unverified: Naver publishes no number; issue #880 shows a request
 * signed 60.007 s before arrival rejected as "Request has expired.", and #78 a client one minute off. So: 60 s.
 */
export const TIMESTAMP_TOLERANCE_MS = 60_000;

/**
 * The signature the gateway expects (naver/searchad-apidoc java-sample util/Signatures.java): base64 of
 * HMAC-SHA256 over "{timestamp}.{METHOD}.{uri}" keyed with the secret's UTF-8 bytes, `uri` without the query string.
 * Computed here on its own so a mistake in the connector's signing cannot hide behind a shared helper.
 */
function expectedSignature(secretKey: string, timestamp: string, method: string, uri: string): string {
  return createHmac('sha256', secretKey).update(`${timestamp}.${method.toUpperCase()}.${uri}`).digest('base64');
}

export interface NaverCaller {
  grant: SandboxGrant;
  account: SandboxAccount;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Checks the four auth headers the way the gateway does (reference §3.1) and answers the failure itself.
 * `uri` is the real API path (without the sandbox's /naver prefix and without the query string): what is signed.
 * Returns null when it already answered.
 */
export function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  uri: string,
  state: SandboxState,
): NaverCaller | null {
  const world = state.world.naver;
  const apiKey = header(req, 'x-api-key') ?? '';
  const timestamp = header(req, 'x-timestamp') ?? '';
  const signature = header(req, 'x-signature') ?? '';
  const customerId = header(req, 'x-customer') ?? '';

  const grant = world?.grants.find((g) => g.token === apiKey);
  // A revoked or re-issued license answers invalid-apikey (issue #985): that is what "expired" means on Naver.
  if (!grant || state.faults.expiredTokens.includes(apiKey)) {
    sendAuthProblem(res, 'invalid-apikey', { apiKey });
    return null;
  }
  // Compared with the real wall clock, not state.now(): the sandbox clock offset moves the ad calendar forward,
  // while the client signs with its own (real) clock.
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > TIMESTAMP_TOLERANCE_MS) {
    sendAuthProblem(res, 'invalid-timestamp', { timestamp });
    return null;
  }
  const expected = Buffer.from(expectedSignature(grant.secret ?? '', timestamp, req.method ?? 'GET', uri));
  const given = Buffer.from(signature);
  if (!grant.secret || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    sendAuthProblem(res, 'invalid-signature', { signature });
    return null;
  }
  const account = world?.accounts.find((a) => a.id === customerId);
  if (!account || !grant.accounts.includes(customerId)) {
    sendAuthProblem(res, 'auth-failed', { apiKey, customerId });
    return null;
  }
  return { grant, account };
}
