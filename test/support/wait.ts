/**
 * Polls `fn` until it returns a value other than `undefined`, `null` or `false` without throwing,
 * and resolves with that value. Assertions may be used inside `fn`: a throw counts as "not yet".
 * After `timeoutMs` the last error (or a timeout error naming `label`) is thrown, so a failing
 * wait reports what it was waiting for instead of hanging the suite.
 */
export async function waitFor<T>(
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 5000,
  label = 'condition',
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) {
        lastError.message = `waitFor(${label}) timed out after ${timeoutMs} ms: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(`waitFor(${label}) timed out after ${timeoutMs} ms`);
    }
    await sleep(intervalMs);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
