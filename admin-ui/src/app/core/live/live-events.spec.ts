import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  LIVE_SOURCE_FACTORY,
  LiveChange,
  LiveEvents,
  LiveSource,
  concerns,
} from './live-events.service';
import { liveRefresh } from './live-refresh';

/** An EventSource stand-in the test drives by hand. */
class FakeSource implements LiveSource {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent<string>) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  readonly named = new Map<string, (ev: MessageEvent<string>) => void>();
  closed = false;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    this.named.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(change: Partial<LiveChange>): void {
    this.onmessage?.(
      new MessageEvent('message', {
        data: JSON.stringify({ id: 'e-1', at: 'x', ids: [], topics: [], ...change }),
      }),
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LiveEvents', () => {
  let sources: FakeSource[];
  let snack: { open: ReturnType<typeof vi.fn> };

  beforeEach(() => {
    sources = [];
    snack = { open: vi.fn() };
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: snack },
        {
          provide: LIVE_SOURCE_FACTORY,
          useValue: () => {
            const s = new FakeSource();
            sources.push(s);
            return s;
          },
        },
      ],
    });
  });

  it('filters changes by topic and id; a reset concerns everyone', () => {
    const change: LiveChange = {
      id: '1',
      type: 'audit',
      topics: ['agents', 'services'],
      ids: ['agt_1'],
      at: 'x',
    };
    expect(concerns(change, ['services'])).toBe(true);
    expect(concerns(change, ['commands'])).toBe(false);
    expect(concerns(change, ['services'], ['svc_2'])).toBe(false);
    expect(concerns(change, ['services'], ['agt_1', 'svc_2'])).toBe(true);
    expect(concerns('reset', ['users'], ['x'])).toBe(true);
  });

  it('connects once, reports its state, and toasts health changes of watched services only', () => {
    const live = TestBed.inject(LiveEvents);
    live.connect();
    live.connect();
    expect(sources.length).toBe(1);
    expect(live.state()).toBe('connecting');
    sources[0].open();
    expect(live.state()).toBe('live');
    live.watchServices({}, ['svc_1']);
    sources[0].send({
      type: 'service.health.changed',
      topics: ['services'],
      ids: ['svc_2'],
      data: { serviceId: 'svc_2', serviceCode: 'other', from: 'UP', to: 'DOWN' },
    });
    expect(snack.open).not.toHaveBeenCalled();
    sources[0].send({
      type: 'service.health.changed',
      topics: ['services'],
      ids: ['svc_1'],
      data: { serviceId: 'svc_1', serviceCode: 'billing', from: 'UP', to: 'DOWN' },
    });
    expect(snack.open).toHaveBeenCalledTimes(1);
    expect(String(snack.open.mock.calls[0][0])).toContain('billing');
    live.disconnect();
    expect(sources[0].closed).toBe(true);
    expect(live.state()).toBe('off');
  });

  it('after the session ended it stops and asks the server, so the 401 handling takes over', () => {
    const live = TestBed.inject(LiveEvents);
    live.connect();
    sources[0].named.get('session-ended')!(new MessageEvent('session-ended', { data: '{}' }));
    expect(live.state()).toBe('off');
    TestBed.inject(HttpTestingController).expectOne('/api/admin/auth/me');
  });

  it('reloads a page once per burst of changes, not while paused, and once on resume', async () => {
    @Component({ template: '' })
    class Page {
      reloads = 0;
      constructor() {
        liveRefresh(['services'], () => (this.reloads += 1));
      }
    }
    const live = TestBed.inject(LiveEvents);
    live.connect();
    sources[0].open();
    const fixture = TestBed.createComponent(Page);
    const page = fixture.componentInstance;
    for (let i = 0; i < 3; i += 1) sources[0].send({ topics: ['services'], ids: ['svc_1'] });
    sources[0].send({ topics: ['commands'] });
    await sleep(400);
    expect(page.reloads).toBe(1);
    live.setPaused(true);
    fixture.detectChanges();
    sources[0].send({ topics: ['services'] });
    await sleep(400);
    expect(page.reloads).toBe(1);
    live.setPaused(false);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(page.reloads).toBe(2);
    sources[0].named.get('reset')!(new MessageEvent('reset', { data: '{}' }));
    await sleep(400);
    expect(page.reloads).toBe(3);
    fixture.destroy();
  });
});
