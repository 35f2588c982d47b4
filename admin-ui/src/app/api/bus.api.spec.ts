import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { SessionStore } from '../core/auth/session.store';
import { ApiError } from '../core/http/api-error';
import { apiErrorInterceptor } from '../core/http/api-error.interceptor';
import { csrfInterceptor } from '../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../core/http/unauthorized.interceptor';
import { BusApi } from './bus.api';
import type { BusRouteInput, PublicBusRoute } from '@opstage/contracts';

const MARKER = 'v0.4-experimental';
const ROUTE: PublicBusRoute = {
  id: 'brt_1',
  name: 'Ping',
  status: 'DRY_RUN',
  match: { eventType: 'demo.ping' },
  target: { serviceCode: 'demo-service', actionName: 'echo' },
  inputMapping: { message: '$.payload.text' },
  metadata: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  experimental: MARKER,
};
const INPUT: BusRouteInput = {
  name: 'Ping',
  status: 'DISABLED',
  match: { eventType: 'demo.ping' },
  target: { serviceCode: 'demo-service', actionName: 'echo' },
};

describe('BusApi', () => {
  let api: BusApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(BusApi);
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: 'op',
        displayName: null,
        role: 'operator',
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: 'x',
        updatedAt: 'x',
      },
      'csrf-1',
    );
  });

  afterEach(() => backend.verify());

  it('lists routes page by page and keeps the experimental marker', async () => {
    const done = firstValueFrom(api.routes({ page: 2, pageSize: 50 }));
    const req = backend.expectOne((r) => r.url === '/api/admin/bus/routes');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.get('page')).toBe('2');
    expect(req.request.params.get('pageSize')).toBe('50');
    req.flush({
      success: true,
      data: [ROUTE],
      pagination: { page: 2, pageSize: 50, total: 51 },
      experimental: MARKER,
    });
    expect(await done).toEqual({
      items: [ROUTE],
      pagination: { page: 2, pageSize: 50, total: 51 },
      experimental: MARKER,
    });
  });

  it('tolerates a list without pagination or marker', async () => {
    const done = firstValueFrom(api.routes());
    const req = backend.expectOne('/api/admin/bus/routes');
    expect(req.request.params.keys()).toEqual([]);
    req.flush({ success: true, data: [ROUTE] });
    const page = await done;
    expect(page.pagination).toEqual({ page: 1, pageSize: 1, total: 1 });
    expect('experimental' in page).toBe(false);
  });

  it('sends only the event filters that are set', async () => {
    const done = firstValueFrom(
      api.events({
        eventType: 'demo.ping',
        serviceCode: '',
        agentId: 'agt_1',
        page: 1,
        pageSize: 20,
      }),
    );
    const req = backend.expectOne((r) => r.url === '/api/admin/bus/events');
    expect(req.request.params.keys().sort()).toEqual(['agentId', 'eventType', 'page', 'pageSize']);
    expect(req.request.params.get('agentId')).toBe('agt_1');
    req.flush({
      success: true,
      data: [],
      pagination: { page: 1, pageSize: 20, total: 0 },
      experimental: MARKER,
    });
    expect((await done).items).toEqual([]);
  });

  it('pages the bus audit', async () => {
    const done = firstValueFrom(api.audit({ page: 3, pageSize: 20 }));
    const req = backend.expectOne((r) => r.url === '/api/admin/bus/audit');
    expect(req.request.params.get('page')).toBe('3');
    req.flush({
      success: true,
      data: [{ id: 'aud_1', action: 'bus.route.created' }],
      pagination: { page: 3, pageSize: 20, total: 41 },
    });
    expect((await done).pagination.total).toBe(41);
  });

  it('creates, reads, updates and deletes routes with the CSRF header on mutations', async () => {
    const created = firstValueFrom(
      api.createRoute({ ...INPUT, inputMapping: { message: '$.payload.text' } }),
    );
    const post = backend.expectOne('/api/admin/bus/routes');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(post.request.body).toEqual({ ...INPUT, inputMapping: { message: '$.payload.text' } });
    post.flush({ success: true, data: ROUTE, experimental: MARKER });
    expect(await created).toEqual(ROUTE);

    const read = firstValueFrom(api.route('brt/1'));
    const get = backend.expectOne('/api/admin/bus/routes/brt%2F1');
    expect(get.request.method).toBe('GET');
    get.flush({ success: true, data: ROUTE });
    expect((await read).id).toBe('brt_1');

    const updated = firstValueFrom(api.updateRoute('brt_1', INPUT));
    const put = backend.expectOne('/api/admin/bus/routes/brt_1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect('inputMapping' in (put.request.body as object)).toBe(false);
    put.flush({ success: true, data: { ...ROUTE, status: 'DISABLED' } });
    expect((await updated).status).toBe('DISABLED');

    const deleted = firstValueFrom(api.deleteRoute('brt_1'));
    const del = backend.expectOne('/api/admin/bus/routes/brt_1');
    expect(del.request.method).toBe('DELETE');
    del.flush({ success: true, data: ROUTE });
    expect((await deleted).id).toBe('brt_1');
  });

  it('surfaces server errors as ApiError with their details', async () => {
    const done = firstValueFrom(api.createRoute(INPUT)).catch((e: unknown) => e);
    backend.expectOne('/api/admin/bus/routes').flush(
      {
        success: false,
        error: {
          code: 'BUS_ROUTE_TARGET_INVALID',
          message: 'Routes cannot target …',
          details: { reasons: ['DANGER_LEVEL_HIGH'] },
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    const error = (await done) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('BUS_ROUTE_TARGET_INVALID');
    expect(error.details).toEqual({ reasons: ['DANGER_LEVEL_HIGH'] });

    const disabled = firstValueFrom(api.routes({ page: 1, pageSize: 1 })).catch((e: unknown) => e);
    backend
      .expectOne((r) => r.url === '/api/admin/bus/routes')
      .flush(
        {
          success: false,
          error: { code: 'CAPSULE_BUS_DISABLED', message: 'Capsule Bus is disabled.' },
        },
        { status: 404, statusText: 'Not Found' },
      );
    expect(((await disabled) as ApiError).code).toBe('CAPSULE_BUS_DISABLED');
  });
});
