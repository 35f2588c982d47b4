import type { LiveEventMessage, Role } from '../contracts';

/**
 * One change, as sent on `GET /api/admin/events/stream` (docs/api.md, live events). Only ids,
 * codes and statuses: never payloads, metadata or secrets. `minRole` is not sent.
 */
export interface LiveEventInput extends Omit<LiveEventMessage, 'id'> {
  /** Lowest role that may receive it. */
  minRole: Role;
}

/** A published event: its stream id is `<epoch>-<sequence>` of the hub that published it. */
export interface LiveEvent extends LiveEventInput {
  id: string;
}
