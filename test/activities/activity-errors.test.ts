import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { readCredential, redactSecret } from '../../src/connectors/credentials';
import { toApplicationFailure } from '../../src/connectors/failures';

const account = {
  platform: 'meta' as const,
  accountId: 'act_1',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  credentials: { accessToken: 'META_TOKEN_X' },
};

describe('activity failures and secrets', () => {
  it('makes auth failures non-retryable with a typed, actionable message', () => {
    const failure = toApplicationFailure(
      { kind: 'auth', message: 'Session has expired (code 190/463)', traceId: 'Ab1' },
      { platform: 'meta', accountId: 'act_1' },
      60_000,
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('AdApiAuthError');
    expect(failure.message).toBe(
      'meta account act_1: Session has expired (code 190/463) [trace Ab1]. Re-authorise the connection and update the credential environment variable, then retry the workflow.',
    );
  });

  it('gives rate limits the platform delay, never below the floor', () => {
    const ctx = { platform: 'meta', accountId: 'act_1' };
    expect(
      toApplicationFailure({ kind: 'rate_limited', message: 'x', retryAfterMs: 300_000 }, ctx, 60_000).nextRetryDelay,
    ).toBe(300_000);
    expect(
      toApplicationFailure({ kind: 'rate_limited', message: 'x', retryAfterMs: 0 }, ctx, 60_000).nextRetryDelay,
    ).toBe(60_000);
    expect(toApplicationFailure({ kind: 'transient', message: 'x' }, ctx, 1).nonRetryable).toBe(false);
  });

  it('redacts tokens from stored bodies', () => {
    const body =
      '{"paging":{"next":"https://graph.facebook.com/v23.0/act_1/insights?access_token=EAABsecret123&after=MQ"}}';
    expect(redactSecret(body, 'EAABsecret123')).toBe(
      '{"paging":{"next":"https://graph.facebook.com/v23.0/act_1/insights?access_token=REDACTED&after=MQ"}}',
    );
    expect(redactSecret('token EAABsecret123 echoed', 'EAABsecret123')).toBe('token REDACTED echoed');
  });

  it('names the missing environment variable', () => {
    expect(() => readCredential(account, 'accessToken', {})).toThrow(ApplicationFailure);
    expect(() => readCredential(account, 'accessToken', {})).toThrow(/META_TOKEN_X.*not set/);
    expect(readCredential(account, 'accessToken', { META_TOKEN_X: 'abc' })).toBe('abc');
  });
});
