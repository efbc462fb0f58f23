import { createHmac } from 'node:crypto';

/**
 * Naver Search Ad request signing (docs: naver/searchad-apidoc java-sample util/Signatures.java and the
 * "Generate signature" section of the API guide): X-Signature = base64(HMAC-SHA256(secretKey, "{timestamp}.{METHOD}.{uri}"))
 * where `uri` is the API path only, without the query string (e.g. "/stats"), and the key is the secret's UTF-8 bytes.
 */
export function naverSignature(secretKey: string, timestamp: string, method: string, uri: string): string {
  return createHmac('sha256', secretKey).update(`${timestamp}.${method.toUpperCase()}.${uri}`).digest('base64');
}

export interface NaverCredentials {
  /** Access license (X-API-KEY). */
  apiKey: string;
  /** Secret key; only ever used as the HMAC key, never sent. */
  secretKey: string;
  /** Customer id of the ad account being operated (X-Customer). */
  customerId: string;
}

/** The four headers every Naver Search Ad request carries (reference §3.1). */
export function naverAuthHeaders(
  credentials: NaverCredentials,
  method: string,
  uri: string,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    'X-Timestamp': timestamp,
    'X-API-KEY': credentials.apiKey,
    'X-Customer': credentials.customerId,
    'X-Signature': naverSignature(credentials.secretKey, timestamp, method, uri),
  };
}
