/** The live event stream: `GET /api/admin/events/stream` (docs/api.md, live events). */

/** What a console page can watch; a page reloads what it shows when its topic changes. */
export type LiveTopic = 'services' | 'agents' | 'commands' | 'audit' | 'tokens' | 'users' | 'bus' | 'settings';

/** One change as sent: only ids, codes and statuses, never payloads, metadata or secrets. */
export interface LiveEventMessage {
  /** `<epoch>-<sequence>` of the hub that published it. */
  id: string;
  /** The domain event or `audit` (an audit record of any other change). */
  type: string;
  topics: LiveTopic[];
  /** Ids of the resources that changed (service, agent, command, ...). */
  ids: string[];
  /** When it happened (ISO). */
  at: string;
  /** Extra fields of the type: health `from`/`to`/`message`, the audit `action`, a command `status`... */
  data?: Record<string, string | number | null>;
}
