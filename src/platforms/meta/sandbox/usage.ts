import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';

const USAGE_WINDOW_MS = 300_000; // BUC scores decay over 300 s (docs marketing-api/overview/rate-limiting)
const USAGE_CAPACITY = 3_000;

/** Business-use-case usage headers on every call (docs graph-api/overview/rate-limiting). */
export function recordUsage(state: SandboxState, account: SandboxAccount, forceThrottle: boolean) {
  const now = Date.now();
  const calls = (state.usage.get(account.id) ?? []).filter((t) => now - t < USAGE_WINDOW_MS);
  calls.push(now);
  state.usage.set(account.id, calls);
  const pct = forceThrottle ? 100 : Math.min(100, Math.round((calls.length / USAGE_CAPACITY) * 100));
  const throttled = pct >= 100;
  const regain = throttled ? state.faults.regainAccessMinutes : 0;
  const businessId = account.id.slice(4);
  return {
    throttled,
    headers: {
      'x-business-use-case-usage': JSON.stringify({
        [businessId]: [
          {
            type: 'ads_insights',
            call_count: pct,
            total_cputime: Math.round(pct / 3),
            total_time: Math.round(pct / 2),
            estimated_time_to_regain_access: regain,
            ads_api_access_tier: 'standard_access',
          },
        ],
      }),
      'x-ad-account-usage': JSON.stringify({
        acc_id_util_pct: pct,
        reset_time_duration: throttled ? 60 : 0,
        ads_api_access_tier: 'standard_access',
      }),
      'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: Math.round(pct / 4), acc_id_util_pct: pct }),
    },
  };
}
