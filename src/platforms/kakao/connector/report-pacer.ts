import { pacerFor, RequestPacer } from '../../../connectors/rate-limiter';

/**
 * Kakao allows one report call per 5 s per ad account (docs kakaomoment/report, keyed by the adAccountId header).
 * The slot is stretched a little so network jitter never lands two calls inside the window at Kakao's end.
 */
const SAFETY_FACTOR = 1.1;
const SAFETY_MS = 50;

/** Waits for this ad account's report slot, then for the platform-wide slot every Kakao request shares. */
class ReportPacer extends RequestPacer {
  constructor(
    private readonly accountPacer: RequestPacer,
    private readonly platformPacer: RequestPacer,
  ) {
    super(1);
  }

  override async wait(signal?: AbortSignal): Promise<void> {
    await this.accountPacer.wait(signal);
    await this.platformPacer.wait(signal);
  }
}

/** One pacer per ad account per process, so concurrent pulls of the same account share the 5-second slot. */
export function kakaoReportPacer(accountId: string, intervalMs: number, platformPacer: RequestPacer): RequestPacer {
  const perSecond = intervalMs > 0 ? 1000 / (intervalMs * SAFETY_FACTOR + SAFETY_MS) : Number.POSITIVE_INFINITY;
  return new ReportPacer(pacerFor(`kakao:report:${accountId}`, perSecond), platformPacer);
}
