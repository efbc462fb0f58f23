import axios, { type AxiosInstance } from 'axios';
import pRetry, { AbortError } from 'p-retry';
import { ResponseFormatError, type ApiFailure } from './errors';
import { abortableSleep, type RequestPacer } from './rate-limiter';

export interface HttpExchange {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  data?: string;
}

export interface RequestPolicy {
  pacer: RequestPacer;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Decides whether a response is a failure (platform-specific: TikTok fails inside HTTP 200). */
  classify(exchange: HttpExchange): ApiFailure | null;
  /** In-attempt retries for transient failures and short rate-limit waits; Temporal owns the long ones. */
  attempts: number;
  /** Rate-limit waits up to this long are slept inside the attempt; longer ones go back to Temporal. */
  maxInAttemptWaitMs: number;
  minBackoffMs: number;
  onWait?: (reason: string) => void;
  /** Bodies larger than this fail as malformed (never stored whole); default 16 MiB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Thrown out of `send` with the classified failure; the activity turns it into an ApplicationFailure. */
export class ApiCallError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiCallError';
  }
}

const http: AxiosInstance = axios.create({
  // We classify every status ourselves and keep the body as text for raw_pulls.
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: (data: unknown) => data,
  maxRedirects: 0,
});

/**
 * One logical API call: paced, with short in-attempt retries (network errors, 5xx, throttles with a short
 * platform-given wait). Anything else is raised at once as an ApiCallError.
 */
export async function send(request: HttpRequest, policy: RequestPolicy): Promise<HttpExchange> {
  return pRetry(
    async () => {
      await policy.pacer.wait(policy.signal);
      let exchange: HttpExchange;
      try {
        const response = await http.request<string>({
          method: request.method,
          url: request.url,
          params: request.params,
          headers: request.headers,
          data: request.data,
          timeout: policy.timeoutMs,
          signal: policy.signal,
          maxContentLength: policy.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        });
        exchange = {
          status: response.status,
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v == null ? undefined : String(v)]),
          ),
          text: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
        };
      } catch (err) {
        // Never let an axios error escape: it carries the request config, Authorization header included, and
        // Temporal logs failed activities in full. Cancellation rethrows the signal's own reason (Temporal's
        // CancelledFailure); everything else becomes a sanitised, retryable network failure.
        if (policy.signal?.aborted) throw new AbortError(cancellationReason(policy.signal));
        if (isBodyTooLarge(err)) {
          const limit = policy.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
          throw new AbortError(
            new ResponseFormatError('(body)', `larger than ${limit} bytes (maxBodyBytes in config/platforms.yaml)`),
          );
        }
        throw new ApiCallError({ kind: 'transient', message: `network error: ${describeNetworkError(err)}` });
      }
      const failure = policy.classify(exchange);
      if (!failure) return exchange;
      if (failure.kind === 'transient') throw new ApiCallError(failure);
      if (failure.kind === 'rate_limited') {
        const wait = Math.max(failure.retryAfterMs ?? 0, policy.minBackoffMs);
        if (wait <= policy.maxInAttemptWaitMs) {
          policy.onWait?.(`rate limited, waiting ${wait} ms`);
          await abortableSleep(wait, policy.signal);
          throw new ApiCallError(failure);
        }
      }
      throw new AbortError(new ApiCallError(failure));
    },
    {
      retries: policy.attempts - 1,
      minTimeout: 200,
      maxTimeout: 5_000,
      factor: 2,
      signal: policy.signal,
    },
  );
}

/** axios reports a body over maxContentLength as ERR_BAD_RESPONSE "maxContentLength size of N exceeded". */
function isBodyTooLarge(err: unknown): boolean {
  const { message } = (err ?? {}) as { message?: unknown };
  return typeof message === 'string' && message.includes('maxContentLength');
}

function cancellationReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('request cancelled');
}

/** Code and message only (e.g. "ECONNRESET socket hang up", "ECONNABORTED timeout of 2000ms exceeded"). */
export function describeNetworkError(err: unknown): string {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : 'unknown error']
    .filter(Boolean)
    .join(' ');
}
