/**
 * A self-scheduling loop that never overlaps itself (internal).
 */

/** One run of a loop; resolves with the delay before the next run in milliseconds. */
export type LoopTick = (signal: AbortSignal) => Promise<number>;

/**
 * Runs `tick` repeatedly: each run decides the delay before the next one, so a slow request
 * simply delays the following tick instead of piling up. `stop()` aborts the run in flight
 * (through its signal) and waits for it to settle.
 */
export class Loop {
  private readonly tick: LoopTick;
  private readonly onCrash: (error: unknown) => number;
  private timer: NodeJS.Timeout | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private active = false;
  private wakeRequested = false;

  /**
   * @param tick - the work; must handle its own expected errors
   * @param onCrash - called for unexpected errors; returns the delay before the next run
   */
  constructor(tick: LoopTick, onCrash: (error: unknown) => number) {
    this.tick = tick;
    this.onCrash = onCrash;
  }

  /** True between `start()` and `stop()`. */
  get isActive(): boolean {
    return this.active;
  }

  /** Starts the loop; the first run happens after `initialDelayMs`. */
  start(initialDelayMs = 0): void {
    if (this.active) return;
    this.active = true;
    this.controller = new AbortController();
    this.schedule(initialDelayMs);
  }

  /** Runs now instead of waiting for the timer (or right after the current run). */
  wake(): void {
    if (!this.active) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops the loop, aborting the run in flight, and waits for it to settle. */
  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.running = this.runOnce();
      },
      Math.max(0, delayMs),
    );
  }

  private async runOnce(): Promise<void> {
    const controller = this.controller;
    if (!this.active || !controller) return;
    let delay: number;
    try {
      delay = await this.tick(controller.signal);
    } catch (error) {
      delay = this.onCrash(error);
    }
    this.running = undefined;
    if (!this.active) return;
    if (this.wakeRequested) {
      this.wakeRequested = false;
      delay = 0;
    }
    this.schedule(delay);
  }
}
