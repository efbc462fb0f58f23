import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { sendJson } from '../../../sandbox/http-util';

/** Every answer carries X-Transaction-ID, the id Naver support asks for (RestClient.java logs it on failures). */
export function transactionHeaders(): Record<string, string> {
  return { 'X-Transaction-ID': randomBytes(8).toString('hex') };
}

/** The API's error envelope `{code, status, title}` (reference §3.6; codes: NaverSA_API_Error_Code_MAP.md). */
export function sendNaverError(res: ServerResponse, status: number, code: number, title: string): void {
  sendJson(res, status, { code, status, title }, transactionHeaders());
}

/**
 * The gateway's authentication problem (always 403). Field order and wording follow live answers quoted in
 * naver/searchad-apidoc issues #629 (invalid-timestamp), #985 (invalid-apikey), #1163 (auth-failed), #1475 (signature).
 */
export function sendAuthProblem(
  res: ServerResponse,
  kind: 'invalid-apikey' | 'invalid-signature' | 'invalid-timestamp' | 'auth-failed',
  values: { apiKey?: string; signature?: string; timestamp?: string; customerId?: string },
): void {
  const type = `urn:naver:api:problem:${kind}`;
  const bodies = {
    'invalid-apikey': {
      apikey: values.apiKey ?? '',
      status: 403,
      type,
      title: 'Invalid API-KEY',
      detail: `API-KEY '${values.apiKey ?? ''}' is invalid.`,
    },
    'invalid-signature': {
      signature: values.signature ?? '',
      status: 403,
      type,
      title: 'Invalid Signature',
      detail: `Signature '${values.signature ?? ''}' is invalid.`,
    },
    'invalid-timestamp': {
      timestamp: values.timestamp ?? '',
      status: 403,
      type,
      title: 'Invalid Timestamp',
      detail: 'Request has expired.',
    },
    'auth-failed': {
      status: 403,
      type,
      title: 'Auth Failed',
      detail: `Auth failed with api-key: ${values.apiKey ?? ''}, customer-id: ${values.customerId ?? ''}`,
    },
  };
  sendJson(res, 403, bodies[kind], transactionHeaders());
}
