/** Spaces requests evenly at `perSecond` within one process (the server-side task-queue limit covers the fleet). */
export class RequestPacer {
  private nextSlot = 0;

  constructor(private readonly perSecond: number) {}

  async wait(signal?: AbortSignal): Promise<void> {
    const interval = 1000 / this.perSecond;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    const delay = slot - now;
    if (delay > 0) await abortableSleep(delay, signal);
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const pacers = new Map<string, RequestPacer>();

/** One pacer per platform per process, shared by all concurrent activities. */
export function pacerFor(platform: string, perSecond: number): RequestPacer {
  let pacer = pacers.get(platform);
  if (!pacer) {
    pacer = new RequestPacer(perSecond);
    pacers.set(platform, pacer);
  }
  return pacer;
}
