import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { Role, ScheduleResponse } from '@opstage/contracts';
import { of } from 'rxjs';
import { SessionStore } from '../../core/auth/session.store';
import { apiErrorInterceptor } from '../../core/http/api-error.interceptor';
import { csrfInterceptor } from '../../core/http/csrf.interceptor';
import { unauthorizedInterceptor } from '../../core/http/unauthorized.interceptor';
import { I18nService } from '../../core/i18n/i18n.service';
import { SchedulesPage } from './schedules.page';

const SCHEDULE: ScheduleResponse = {
  id: 'sch_1',
  name: 'nightly backup',
  serviceId: 'svc_1',
  serviceName: 'Billing',
  actionName: 'backup',
  kind: 'cron',
  cron: '0 3 * * *',
  runAt: null,
  timeZone: 'Europe/Berlin',
  payload: {},
  enabled: true,
  skipIfRunning: true,
  nextRuns: ['2030-01-01T02:00:00.000Z', '2030-01-02T02:00:00.000Z', '2030-01-03T02:00:00.000Z'],
  lastRunAt: '2029-12-31T02:00:00.000Z',
  lastCommandId: 'cmd_9',
  createdByUserId: 'usr_1',
  createdAt: '2029-12-01T00:00:00.000Z',
  updatedAt: '2029-12-01T00:00:00.000Z',
};

function page(items: ScheduleResponse[]) {
  return { success: true, data: items, pagination: { page: 1, pageSize: 20, total: items.length } };
}

describe('SchedulesPage', () => {
  let fixture: ComponentFixture<SchedulesPage>;
  let backend: HttpTestingController;
  const dialogAnswer: { value: boolean | undefined } = { value: undefined };
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  async function open(items: ScheduleResponse[], role: Role = 'operator') {
    TestBed.configureTestingModule({
      imports: [SchedulesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([unauthorizedInterceptor, csrfInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        {
          provide: MatDialog,
          useValue: { open: () => ({ afterClosed: () => of(dialogAnswer.value) }) },
        },
      ],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: 'op',
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
    fixture = TestBed.createComponent(SchedulesPage);
    await fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/admin/schedules').flush(page(items));
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('lists schedules with timing, the next two runs and a link to the last command', async () => {
    await open([SCHEDULE]);
    const row = q('schedule-row-sch_1')!;
    expect(row.textContent).toContain('Billing');
    expect(row.querySelector('[data-col="timing"]')?.textContent).toContain(
      '0 3 * * * (Europe/Berlin)',
    );
    expect(row.querySelectorAll('[data-col="next"] div')).toHaveLength(2);
    expect(row.querySelector('[data-testid="schedule-last-command"]')?.getAttribute('href')).toBe(
      '/commands/cmd_9',
    );
    expect(q('schedule-create')).not.toBeNull();
    expect(row.querySelector('[data-testid="schedule-edit"]')).not.toBeNull();
  });

  it('disables a schedule from its toggle with a PATCH of enabled only', async () => {
    await open([SCHEDULE]);
    const toggle = q('schedule-toggle')!.querySelector('button')!;
    toggle.click();
    const req = backend.expectOne((r) => r.url === '/api/admin/schedules/sch_1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ enabled: false });
    req.flush({ success: true, data: { ...SCHEDULE, enabled: false, nextRuns: [] } });
    backend.expectOne((r) => r.url === '/api/admin/schedules').flush(page([SCHEDULE]));
    await fixture.whenStable();
  });

  it('asks for confirmation when re-enabling a dangerous action, then sends confirm', async () => {
    dialogAnswer.value = true;
    await open([{ ...SCHEDULE, enabled: false, nextRuns: [] }]);
    q('schedule-toggle')!.querySelector('button')!.click();
    const first = backend.expectOne((r) => r.url === '/api/admin/schedules/sch_1');
    expect(first.request.body).toEqual({ enabled: true });
    first.flush(
      {
        success: false,
        error: {
          code: 'ACTION_REQUIRES_CONFIRMATION',
          message: 'This action requires confirmation.',
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    const second = backend.expectOne((r) => r.url === '/api/admin/schedules/sch_1');
    expect(second.request.body).toEqual({ enabled: true, confirm: true });
    second.flush({ success: true, data: SCHEDULE });
    backend.expectOne((r) => r.url === '/api/admin/schedules').flush(page([SCHEDULE]));
    await fixture.whenStable();
    dialogAnswer.value = undefined;
  });

  it('shows viewers the list and history but no create, edit, delete or toggle', async () => {
    await open(
      [{ ...SCHEDULE, enabled: false, nextRuns: [], lastRunAt: null, lastCommandId: null }],
      'viewer',
    );
    const row = q('schedule-row-sch_1')!;
    expect(q('schedule-create')).toBeNull();
    expect(row.querySelector('[data-testid="schedule-edit"]')).toBeNull();
    expect(row.querySelector('[data-testid="schedule-delete"]')).toBeNull();
    expect(row.querySelector('[data-testid="schedule-history"]')).not.toBeNull();
    expect(
      row.querySelector('[data-testid="schedule-toggle"] button')?.hasAttribute('disabled'),
    ).toBe(true);
    expect(row.querySelector('[data-col="next"]')?.textContent).toContain('None planned');
    expect(row.querySelector('[data-col="last"]')?.textContent).toContain('Never');
  });

  it('says so when there are no schedules', async () => {
    await open([]);
    expect(el().textContent).toContain('No schedules yet');
  });
});
