import { describe, expect, it } from 'vitest';
import { stackEnvironment } from '../../src/stack';

describe('stackEnvironment', () => {
  const info = {
    temporal: { address: '127.0.0.1:7233', namespace: 'default', ui: null, external: true },
    mongo: { url: 'mongodb://127.0.0.1:27017/', external: true },
    sandbox: { url: 'http://127.0.0.1:4010' },
  };

  it('points trackers at the same sandbox process as the media, without overriding what is set', () => {
    const env = stackEnvironment(info, {
      ADOPS_ADJUST_BASE_URL: 'https://proxy.example/adjust',
      APPSFLYER_API_TOKEN: 'real',
    });
    expect(env.ADOPS_APPSFLYER_BASE_URL).toBe('http://127.0.0.1:4010/appsflyer');
    expect(env.ADOPS_AIRBRIDGE_BASE_URL).toBe('http://127.0.0.1:4010/airbridge');
    expect(env.ADOPS_META_BASE_URL).toBe('http://127.0.0.1:4010/meta');
    expect(env.ADOPS_ADJUST_BASE_URL).toBeUndefined();
    // Sandbox tokens fill only credentials the environment does not set.
    expect(env.APPSFLYER_API_TOKEN).toBeUndefined();
    expect(env.AIRBRIDGE_API_TOKEN).toBe('sbx-airbridge-api-51d7e9a2');
  });
});
