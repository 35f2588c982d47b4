/**
 * Retry timing: capped exponential backoff with jitter, and `Retry-After` parsing.
 */

/** Retry tuning (all values in milliseconds). */
export interface RetryOptions {
  /** First backoff delay. Default 1000. */
  initialDelayMs?: number;
  /** Cap of the backoff delay. Default 60000. */
  maxDelayMs?: number;
  /** Probe interval while the agent is disabled (403 `AGENT_DISABLED`). Default 60000. */
  disabledDelayMs?: number;
  /** Attempts of each start-up call (register, first report) before `NetworkError`. Default 5. */
  startupAttempts?: number;
}

/** {@link RetryOptions} with every value resolved. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Delay before retry number `attempt` (1-based): `min(max, initial · 2^(attempt-1))`, then "equal
 * jitter" (a random point in the upper half) so a fleet does not retry in lock-step.
 *
 * @param attempt - 1 for the first retry
 * @param options - initial and max delay
 * @param random - `Math.random`-like source
 */
export function backoffDelay(
  attempt: number,
  options: Pick<ResolvedRetryOptions, 'initialDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  const half = capped / 2;
  return Math.round(half + random() * half);
}

/**
 * Parses a `Retry-After` header (delta seconds or HTTP date) into milliseconds from `now`.
 *
 * @param header - header value
 * @param now - current epoch milliseconds
 * @returns milliseconds, or `undefined` when absent or unparseable
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Resolves after `ms`, or earlier (without rejecting) when `signal` aborts.
 *
 * @param ms - delay
 * @param signal - optional abort signal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
