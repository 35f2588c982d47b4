/** Source of "now" for every service, so tests can pin time (docs/design/architecture.md, "House rules"). */
export abstract class Clock {
  abstract now(): Date;

  /** ISO-8601 UTC with milliseconds: the only timestamp format stored and sent on the wire. */
  nowIso(): string {
    return this.now().toISOString();
  }

  nowMs(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to; used by tests and by the maintenance sweep specs. */
export class FixedClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
