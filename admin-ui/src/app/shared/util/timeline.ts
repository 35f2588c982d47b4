import type { HealthPoint } from '@opstage/contracts';

export interface TimelineSegment {
  /** A health status, or `NONE` where nothing was recorded (before the first report). */
  status: string;
  from: number;
  to: number;
  /** Share of the window, 0..1. */
  fraction: number;
}

/**
 * Segments of a health timeline over [since, until]: each point's status holds until the next
 * point; the time before the first point is `NONE`. Points may start before `since` (the state
 * at the window start) and arrive in any order.
 */
export function timelineSegments(
  points: readonly HealthPoint[],
  since: number,
  until: number,
): TimelineSegment[] {
  const span = until - since;
  if (!(span > 0)) return [];
  const sorted = points
    .map((p) => ({ status: p.status, at: Date.parse(p.at) }))
    .filter((p) => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
  const out: TimelineSegment[] = [];
  const push = (status: string, from: number, to: number) => {
    const a = Math.max(from, since);
    const b = Math.min(to, until);
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last && last.status === status && last.to === a) {
      last.to = b;
      last.fraction = (last.to - last.from) / span;
      return;
    }
    out.push({ status, from: a, to: b, fraction: (b - a) / span });
  };
  if (sorted.length === 0 || (sorted[0]?.at ?? until) > since)
    push('NONE', since, sorted[0]?.at ?? until);
  sorted.forEach((p, i) => push(p.status, p.at, sorted[i + 1]?.at ?? until));
  return out;
}

/** Share of the window per status (for the timeline's text alternative). */
export function timelineShares(segments: readonly TimelineSegment[]): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const s of segments) shares[s.status] = (shares[s.status] ?? 0) + s.fraction;
  return shares;
}

/** How often the status changed inside the window (flapping shows as many changes). */
export function timelineChanges(segments: readonly TimelineSegment[]): number {
  return Math.max(0, segments.filter((s) => s.status !== 'NONE').length - 1);
}
