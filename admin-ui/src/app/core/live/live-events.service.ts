import { HttpClient } from '@angular/common/http';
import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import { Observable, Subject, filter } from 'rxjs';
import { Notifier } from '../../shared/ui/notifier.service';

/** What a page watches (the server's live topics, docs/api.md). */
export type LiveTopic =
  | 'services'
  | 'agents'
  | 'commands'
  | 'audit'
  | 'tokens'
  | 'users'
  | 'bus'
  | 'settings';

/** One change from `GET /api/admin/events/stream`. */
export interface LiveChange {
  id: string;
  type: string;
  topics: LiveTopic[];
  ids: string[];
  at: string;
  data?: Record<string, string | number | null>;
}

/** A change, or `reset`: the server could not tell what was missed; reload everything shown. */
export type LiveSignal = LiveChange | 'reset';

export type LiveState = 'off' | 'connecting' | 'live' | 'offline';

/** The subset of EventSource this service uses (a fake in unit tests). */
export interface LiveSource {
  readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent<string>) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export const LIVE_SOURCE_FACTORY = new InjectionToken<(url: string) => LiveSource>(
  'LIVE_SOURCE_FACTORY',
  {
    providedIn: 'root',
    factory: () => (url: string) => new EventSource(url, { withCredentials: true }),
  },
);

export const LIVE_STREAM_URL = '/api/admin/events/stream';
export const LIVE_PAUSE_KEY = 'opstage.live.paused';
const CLOSED = 2;
const RECONNECT_MS = [2000, 5000, 10000, 30000];

/** Whether a change concerns a page watching `topics` (and, for detail pages, one of `ids`). */
export function concerns(
  signal: LiveSignal,
  topics: readonly LiveTopic[],
  ids?: readonly string[] | null,
): boolean {
  if (signal === 'reset') return true;
  if (!signal.topics.some((t) => topics.includes(t))) return false;
  return !ids || ids.length === 0 || signal.ids.some((id) => ids.includes(id));
}

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The console's one live connection (an EventSource on the server's change stream) while a user
 * is logged in. Pages subscribe through `liveRefresh()`; a global pause stops automatic reloads.
 * The browser reconnects with Last-Event-ID by itself; when the stream is refused or closed for
 * good this service retries with a backoff, and pages fall back to a slow poll meanwhile.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents {
  private readonly factory = inject(LIVE_SOURCE_FACTORY);
  private readonly http = inject(HttpClient);
  private readonly notifier = inject(Notifier);
  private readonly signals = new Subject<LiveSignal>();
  private source: LiveSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private readonly watchers = new Map<object, ReadonlySet<string>>();

  readonly state = signal<LiveState>('off');
  readonly paused = signal(sessionStore()?.getItem(LIVE_PAUSE_KEY) === 'true');

  connect(): void {
    if (this.source || typeof window === 'undefined') return;
    this.state.set('connecting');
    const source = this.factory(LIVE_STREAM_URL);
    this.source = source;
    source.onopen = () => {
      this.attempts = 0;
      this.state.set('live');
    };
    source.onmessage = (ev) => this.receive(ev.data);
    source.addEventListener('reset', () => this.signals.next('reset'));
    source.addEventListener('session-ended', () => this.sessionEnded());
    source.onerror = () => {
      if (source.readyState === CLOSED) this.scheduleReconnect();
      else this.state.set('connecting');
    };
  }

  disconnect(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.source?.close();
    this.source = null;
    this.state.set('off');
  }

  setPaused(paused: boolean): void {
    this.paused.set(paused);
    sessionStore()?.setItem(LIVE_PAUSE_KEY, String(paused));
  }

  /** Changes for `topics` (and `ids`, when given); `reset` always passes. */
  changes(
    topics: readonly LiveTopic[],
    ids?: () => readonly string[] | null,
  ): Observable<LiveSignal> {
    return this.signals.pipe(filter((s) => concerns(s, topics, ids?.())));
  }

  /** The services a page shows: a health change of one of them raises a toast. */
  watchServices(owner: object, serviceIds: readonly string[]): void {
    this.watchers.set(owner, new Set(serviceIds));
  }

  unwatch(owner: object): void {
    this.watchers.delete(owner);
  }

  private receive(data: string): void {
    let change: LiveChange;
    try {
      change = JSON.parse(data) as LiveChange;
    } catch {
      return;
    }
    if (!Array.isArray(change.topics) || !Array.isArray(change.ids)) return;
    this.signals.next(change);
    if (change.type === 'service.health.changed') this.toastHealth(change);
  }

  private toastHealth(change: LiveChange): void {
    const serviceId = String(change.data?.['serviceId'] ?? '');
    if (![...this.watchers.values()].some((ids) => ids.has(serviceId))) return;
    const params = {
      name: String(change.data?.['serviceCode'] ?? serviceId),
      from: String(change.data?.['from'] ?? ''),
      to: String(change.data?.['to'] ?? ''),
    };
    if (params.to === 'DOWN') this.notifier.errorKey('live.healthChanged', params);
    else this.notifier.info('live.healthChanged', params);
  }

  private sessionEnded(): void {
    this.disconnect();
    // Any authenticated request now answers 401; the interceptor takes the operator to the login page.
    this.http.get('/api/admin/auth/me').subscribe({ error: () => undefined });
  }

  private scheduleReconnect(): void {
    this.source?.close();
    this.source = null;
    this.state.set('offline');
    const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)] ?? 30000;
    this.attempts += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect();
    }, delay);
  }
}
