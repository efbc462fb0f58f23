import { describe, expect, it } from 'vitest';
import { naverAuthHeaders, naverSignature } from '../../../src/platforms/naver/signature';

// Known vectors, computed once with `openssl dgst -sha256 -hmac <secret> -binary | base64` and Python's hmac module.
const SECRET = 'sbx-naver-secret-AQAAAADm2x';

describe('Naver X-Signature', () => {
  it('is base64(HMAC-SHA256(secret, "{timestamp}.{METHOD}.{uri}")) over the path only', () => {
    expect(naverSignature(SECRET, '1717200000000', 'GET', '/stats')).toBe(
      'qVV1pul+2VRTpF9zo1X2NSu5476jY3l2d9oK48BR9sI=',
    );
    expect(naverSignature(SECRET, '1717200000000', 'put', '/ncc/campaigns/cmp-a001-01-000000001234567')).toBe(
      'aD3NQup6djsispvqZEC8Wdje5zlXbiRHPp3pXU0Itq8=',
    );
  });

  it('builds the four headers; the secret itself is never one of them', () => {
    const headers = naverAuthHeaders(
      { apiKey: 'license-1', secretKey: SECRET, customerId: '1234567' },
      'GET',
      '/stats',
      1717200000000,
    );
    expect(headers).toEqual({
      'X-Timestamp': '1717200000000',
      'X-API-KEY': 'license-1',
      'X-Customer': '1234567',
      'X-Signature': 'qVV1pul+2VRTpF9zo1X2NSu5476jY3l2d9oK48BR9sI=',
    });
    expect(JSON.stringify(headers)).not.toContain(SECRET);
  });
});
