import type { Role } from '../common/auth/role';

/** What a console page can watch; a page reloads what it shows when its topic changes. */
export type LiveTopic = 'services' | 'agents' | 'commands' | 'audit' | 'tokens' | 'users' | 'bus' | 'settings';

/**
 * One change, as sent on `GET /api/admin/events/stream` (docs/api.md, live events). Only ids,
 * codes and statuses: never payloads, metadata or secrets. `minRole` is not sent.
 */
export interface LiveEventInput {
  /** The domain event or `audit` (an audit record of any other change). */
  type: string;
  topics: LiveTopic[];
  /** Ids of the resources that changed (service, agent, command, ...). */
  ids: string[];
  /** When it happened (ISO). */
  at: string;
  /** Lowest role that may receive it. */
  minRole: Role;
  /** Extra fields of the type: health `from`/`to`/`message`, the audit `action`, a command `status`... */
  data?: Record<string, string | number | null>;
}

/** A published event: its stream id is `<epoch>-<sequence>` of the hub that published it. */
export interface LiveEvent extends LiveEventInput {
  id: string;
}
