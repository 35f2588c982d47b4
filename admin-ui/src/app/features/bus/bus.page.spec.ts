import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PublicBusEvent, PublicBusRoute, Role } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { BusPage } from './bus.page';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const MARKER = 'v0.4-experimental';
const ROUTE: PublicBusRoute = {
  id: 'brt_0123456789abcdef',
  name: 'Ping',
  status: 'DRY_RUN',
  match: { eventType: 'demo.ping' },
  target: { serviceCode: 'demo-service', actionName: 'echo' },
  inputMapping: { message: '$.payload.text' },
  metadata: { owner: 'team' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  experimental: MARKER,
};
const EVENT: PublicBusEvent = {
  id: 'bev_2',
  agentId: 'agt_1',
  sourceServiceCode: 'demo-service',
  eventType: 'demo.ping',
  payload: { text: 'hi' },
  metadata: {},
  correlationId: 'corr-7',
  causationId: 'bev_1',
  depth: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  acceptedAt: '2026-01-01T00:00:01.000Z',
  routeCount: 2,
  experimental: MARKER,
};

function page<T>(items: T[]) {
  return {
    success: true,
    data: items,
    pagination: { page: 1, pageSize: 20, total: items.length },
    experimental: MARKER,
  };
}

describe('BusPage', () => {
  let fixture: ComponentFixture<BusPage>;
  let backend: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const all = (selector: string) => Array.from(el().querySelectorAll(selector));

  async function open(role: Role) {
    TestBed.configureTestingModule({
      imports: [BusPage],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: role,
        displayName: null,
        role,
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: 'x',
        updatedAt: 'x',
      },
      'csrf-1',
    );
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BusPage);
    await fixture.whenStable();
    flushLists();
    await fixture.whenStable();
  }

  function flushLists(): void {
    backend.expectOne((r) => r.url === '/api/admin/bus/routes').flush(page([ROUTE]));
    backend.expectOne((r) => r.url === '/api/admin/bus/events').flush(page([EVENT]));
    backend
      .expectOne((r) => r.url === '/api/admin/bus/audit')
      .flush(
        page([
          {
            id: 'aud_1',
            actorType: 'USER',
            actorId: 'usr_1',
            action: 'bus.route.created',
            targetType: 'BusRoute',
            targetId: ROUTE.id,
            result: 'SUCCESS',
            message: null,
            ipAddress: null,
            userAgent: null,
            metadata: { status: 'DRY_RUN' },
            createdAt: 'x',
          },
        ]),
      );
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('shows the routes with the experimental marker and lets an operator switch the status', async () => {
    await open('operator');
    expect(el().querySelector('[data-testid="bus-experimental"]')?.textContent).toContain(
      'experimental',
    );
    expect(el().querySelector('[data-testid="bus-experimental-marker"]')?.textContent).toContain(
      MARKER,
    );
    const row = el().querySelector(`[data-testid="bus-route-${ROUTE.id}"]`)!;
    expect(row.textContent).toContain('demo-service / echo');
    expect(row.textContent).toContain('message ← $.payload.text');
    expect(el().querySelector('[data-testid="route-create"]')).not.toBeNull();
    expect(
      row.querySelector('[data-testid="route-set-DRY_RUN"]')?.getAttribute('aria-pressed'),
    ).toBe('true');

    (row.querySelector('[data-testid="route-set-DISABLED"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const put: TestRequest = backend.expectOne(`/api/admin/bus/routes/${ROUTE.id}`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      name: 'Ping',
      status: 'DISABLED',
      match: { eventType: 'demo.ping' },
      target: { serviceCode: 'demo-service', actionName: 'echo' },
    });
    put.flush({ success: true, data: { ...ROUTE, status: 'DISABLED' } });
    await tick();
    backend
      .expectOne((r) => r.url === '/api/admin/bus/routes')
      .flush(page([{ ...ROUTE, status: 'DISABLED' }]));
    backend.expectOne((r) => r.url === '/api/admin/bus/audit').flush(page([]));
    await fixture.whenStable();
    expect(
      el()
        .querySelector(`[data-testid="bus-route-${ROUTE.id}"]`)
        ?.getAttribute('data-route-status'),
    ).toBe('DISABLED');
  });

  it('is read-only for viewers', async () => {
    await open('viewer');
    expect(el().querySelector('[data-testid="readonly-banner"]')).not.toBeNull();
    expect(
      el().querySelector(`[data-testid="bus-route-${ROUTE.id}"] [data-status="DRY_RUN"]`),
    ).not.toBeNull();
    expect(
      all(
        '[data-testid="route-create"], [data-testid="route-edit"], [data-testid="route-delete"], [data-testid^="route-set-"]',
      ),
    ).toEqual([]);
  });

  it('lists events with depth, causation, correlation and route count', async () => {
    await open('viewer');
    (all('[role="tab"]')[1] as HTMLElement).click();
    await fixture.whenStable();
    await tick();
    await fixture.whenStable();
    const row = el().querySelector('[data-testid="bus-event-bev_2"]');
    expect(row).not.toBeNull();
    expect(row?.querySelector('[data-col="depth"]')?.textContent?.trim()).toBe('1');
    expect(row?.querySelector('[data-col="routeCount"]')?.textContent?.trim()).toBe('2');
    expect(row?.textContent).toContain('bev_1');
    expect(row?.textContent).toContain('corr-7');
    const headers = all('[data-testid="bus-events-table"] th').map((th) => th.textContent?.trim());
    expect(headers).toEqual(
      expect.arrayContaining([
        'Depth',
        'Causation ID',
        'Correlation ID',
        'Routes matched',
        'Accepted at',
      ]),
    );
  });
});
