import { CLUSTER_CHANNELS, type ClusterChannel } from './cluster-bus';

/** The one PostgreSQL channel every replica LISTENs on; the typed channel travels in the message. */
export const PG_CHANNEL = 'opstage_cluster';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin. */
export const MAX_MESSAGE_BYTES = 7900;

/** A message on the wire: the publishing bus's origin (to skip its own echo), the channel, the payload (and a sequence number, unread). */
export interface ClusterEnvelope {
  o: string;
  c: ClusterChannel;
  p: Record<string, unknown>;
}

const ID_FIELD: Partial<Record<ClusterChannel, string>> = {
  'agent.wake': 'agentId',
  'command.settled': 'commandId',
  'cancel.notice': 'agentId',
};

/**
 * Parses a NOTIFY payload. Anyone with access to the database could NOTIFY on the channel, so a
 * message of the wrong shape is dropped (null) instead of reaching a handler.
 */
export function parseEnvelope(text: string): ClusterEnvelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.o !== 'string' || !isRecord(value.p)) return null;
  const channel = CLUSTER_CHANNELS.find((c) => c === value.c);
  if (!channel) return null;
  const idField = ID_FIELD[channel];
  if (idField !== undefined && typeof value.p[idField] !== 'string') return null;
  if (channel === 'live.event' && !isLiveEvent(value.p)) return null;
  if (channel === 'live.presence' && typeof value.p.watching !== 'boolean') return null;
  return { o: value.o, c: channel, p: value.p };
}

function isLiveEvent(p: Record<string, unknown>): boolean {
  return (
    typeof p.type === 'string' &&
    typeof p.at === 'string' &&
    typeof p.minRole === 'string' &&
    Array.isArray(p.topics) &&
    Array.isArray(p.ids)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
