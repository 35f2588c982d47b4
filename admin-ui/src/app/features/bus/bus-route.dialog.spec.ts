import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { CapsuleServiceResponse, PublicBusRoute } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { BusRouteDialog } from './bus-route.dialog';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const ROUTE: PublicBusRoute = {
  id: 'brt_1',
  name: 'Ping',
  status: 'DRY_RUN',
  match: { eventType: 'demo.ping', sourceServiceCode: 'shop' },
  target: { serviceCode: 'demo-service', actionName: 'echo' },
  inputMapping: { message: '$.payload.text', qty: 2 },
  metadata: { owner: 'team' },
  createdAt: 'x',
  updatedAt: 'x',
  experimental: 'v0.4-experimental',
};

describe('BusRouteDialog', () => {
  let fixture: ComponentFixture<BusRouteDialog>;
  let backend: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(testId: string): T | null =>
    el().querySelector<T>(`[data-testid="${testId}"]`);

  /** The dialog loads the known services for its pickers; `services` answers that request. */
  async function open(route: PublicBusRoute | null, services: CapsuleServiceResponse[] = []) {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [BusRouteDialog],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: route },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
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
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BusRouteDialog);
    backend
      .expectOne(
        (r) => r.url === '/api/admin/capsule-services' && r.params.get('pageSize') === '100',
      )
      .flush({
        success: true,
        data: services,
        pagination: { page: 1, pageSize: 100, total: services.length },
      });
    await fixture.whenStable();
  }

  async function type(testId: string, value: string) {
    const input = q<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function save() {
    q<HTMLButtonElement>('route-submit')!.click();
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('sends nothing while required fields or mapping rows are incomplete', async () => {
    await open(null);
    await save();
    expect(el().textContent).toContain('Required');
    await type('route-name', 'Ping');
    await type('route-event-type', 'demo.ping');
    await type('route-target-service', 'demo-service');
    await type('route-target-action', 'echo');
    q<HTMLButtonElement>('mapping-add')!.click();
    await fixture.whenStable();
    await type('mapping-field-0', 'message');
    await save();
    expect(q('mapping-error-0')?.textContent).toContain('Enter an expression');
    backend.expectNone('/api/admin/bus/routes');
  });

  it('creates with the mapping and shows a 404 on the field named by details.field', async () => {
    await open(null);
    await type('route-name', 'Ping');
    await type('route-event-type', 'demo.ping');
    await type('route-target-service', 'demo-service');
    await type('route-target-action', 'nope');
    q<HTMLButtonElement>('mapping-add')!.click();
    await fixture.whenStable();
    await type('mapping-field-0', 'message');
    await type('mapping-expression-0', '$.payload.text');
    await save();
    const req = backend.expectOne('/api/admin/bus/routes');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      name: 'Ping',
      status: 'DISABLED',
      match: { eventType: 'demo.ping' },
      target: { serviceCode: 'demo-service', actionName: 'nope' },
      inputMapping: { message: '$.payload.text' },
    });
    req.flush(
      {
        success: false,
        error: {
          code: 'ACTION_NOT_FOUND',
          message: 'Target action not found.',
          details: { field: 'target.actionName' },
        },
      },
      { status: 404, statusText: 'Not Found' },
    );
    await tick();
    await fixture.whenStable();
    expect(q('route-target-action-error')?.textContent).toContain(
      'The target service has no action with this name.',
    );
    expect(q('error-alert')?.textContent).toContain('ACTION_NOT_FOUND');
    expect(close).not.toHaveBeenCalled();
  });

  it('offers the known services and, for the chosen one, its actions', async () => {
    const demo = {
      id: 'svc_demo',
      agentId: 'agt_1',
      code: 'demo-service',
      name: 'Demo',
      status: 'HEALTHY',
      healthStatus: 'UP',
    } as CapsuleServiceResponse;
    await open(null, [demo, { ...demo, id: 'svc_other', code: 'billing', name: 'Billing' }]);
    const target = q<HTMLInputElement>('route-target-service')!;
    target.dispatchEvent(new Event('focusin'));
    await type('route-target-service', 'demo');
    const options = [...document.querySelectorAll('mat-option')].map((o) => o.textContent ?? '');
    expect(options.some((o) => o.includes('demo-service'))).toBe(true);
    expect(options.some((o) => o.includes('billing'))).toBe(false);
    await type('route-target-service', 'demo-service');
    backend.expectOne('/api/admin/capsule-services/svc_demo/actions').flush({
      success: true,
      data: [
        { name: 'echo', label: 'Echo', dangerLevel: 'LOW' },
        { name: 'wipe', label: 'Wipe', dangerLevel: 'HIGH' },
      ],
    });
    q<HTMLInputElement>('route-target-action')!.dispatchEvent(new Event('focusin'));
    await type('route-target-action', 'ec');
    const actions = [...document.querySelectorAll('mat-option')].map((o) => o.textContent ?? '');
    expect(actions.some((o) => o.includes('echo'))).toBe(true);
    expect(actions.some((o) => o.includes('wipe'))).toBe(false);
  });

  it('lists the reasons of a refused target', async () => {
    await open(ROUTE);
    await save();
    backend.expectOne('/api/admin/bus/routes/brt_1').flush(
      {
        success: false,
        error: {
          code: 'BUS_ROUTE_TARGET_INVALID',
          message: 'Refused.',
          details: { reasons: ['REQUIRES_CONFIRMATION', 'DANGER_LEVEL_HIGH'] },
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await tick();
    await fixture.whenStable();
    const reasons = q('route-target-reasons')?.textContent ?? '';
    expect(reasons).toContain('requires an explicit confirmation');
    expect(reasons).toContain('danger level HIGH');
  });

  it('edits without resending an unchanged mapping', async () => {
    await open(ROUTE);
    expect(q<HTMLInputElement>('mapping-field-1')?.value).toBe('qty');
    expect(q<HTMLInputElement>('route-source')?.value).toBe('shop');
    await type('route-name', 'Ping 2');
    await save();
    const put = backend.expectOne('/api/admin/bus/routes/brt_1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      name: 'Ping 2',
      status: 'DRY_RUN',
      match: { eventType: 'demo.ping', sourceServiceCode: 'shop' },
      target: { serviceCode: 'demo-service', actionName: 'echo' },
    });
    put.flush({ success: true, data: { ...ROUTE, name: 'Ping 2' } });
    await tick();
    expect(close).toHaveBeenCalledWith({ ...ROUTE, name: 'Ping 2' });
  });

  it('sends a changed mapping and puts VALIDATION_FAILED issues on the matching row', async () => {
    await open(ROUTE);
    await type('mapping-field-1', 'password');
    await type('mapping-expression-1', 'hunter2');
    await save();
    const put = backend.expectOne('/api/admin/bus/routes/brt_1');
    expect((put.request.body as { inputMapping: unknown }).inputMapping).toEqual({
      message: '$.payload.text',
      password: 'hunter2',
    });
    put.flush(
      {
        success: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Bus route validation failed.',
          details: {
            issues: [
              {
                path: 'inputMapping.password',
                message: 'inputMapping.password looks like a secret',
              },
            ],
          },
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await tick();
    await fixture.whenStable();
    expect(q('mapping-error-1')?.textContent).toContain('looks like a secret');
    expect(q('mapping-error-0')).toBeNull();
    await type('mapping-expression-1', '$.payload.password');
    expect(q('mapping-error-1')).toBeNull();
  });
});
